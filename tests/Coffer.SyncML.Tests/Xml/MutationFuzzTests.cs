using System.Text;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Xml;

/// <summary>
/// Seeded random mutations of every real vector: the codec may reject them, but only with
/// SyncMLFormatException; whatever it accepts it must write and read back.
/// </summary>
public class MutationFuzzTests
{
    private const int Seed = 20240611;
    private const int Mutations = 2000;

    private static readonly string[] Tokens =
    [
        "<", ">", "</", "/>", "&", "&amp;", "&#0;", "&#xD800;", "]]>", "<![CDATA[", "<!DOCTYPE x [<!ENTITY e 'e'>]>", "\"", "'",
        "<Data>", "</Data>", "<Item>", "<Meta>", "<Status>", "<SyncHdr>", "<SyncBody>", "<Final/>", "<NoResp/>", "<Sync>",
        "<Anchor xmlns='syncml:metinf'>", "<Next>", "-1", "99999999999999999999", " ", "\u00e9", "\uFFFF", "xmlns='SYNCML:SYNCML1.9'",
    ];

    private static List<byte[]> Corpus() =>
        TestDataPaths.Files("libwbxml-syncml", "*.xml")
            .Concat(TestDataPaths.Files("buteo", "*.txt"))
            .Concat(TestDataPaths.Files("horde-sessions", "syncml_*.xml", recursive: true))
            .Concat(TestDataPaths.Files("syncevolution-captures", "*.body.xml", recursive: true))
            .Select(File.ReadAllBytes)
            .ToList();

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds && bytes.Count > 0; r++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: // delete a range
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 1: // insert a token
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 2: // flip a byte
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 3: // duplicate a range
                    var len = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, len));
                    break;
                case 4: // truncate
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default: // replace a digit run with something else
                    bytes[at] = (byte)"0123456789 -x\n"[random.Next(14)];
                    break;
            }
        }

        return [.. bytes];
    }

    [Fact]
    public void Mutated_vectors_raise_only_SyncMLFormatException()
    {
        var corpus = Corpus();
        var random = new Random(Seed);
        var failures = new List<string>();
        var accepted = 0;
        for (var i = 0; i < Mutations; i++)
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], random);
            var options = random.Next(2) == 0 ? SyncMLReadOptions.Default : SyncMLReadOptions.StrictDefault;
            try
            {
                var message = SyncMLXml.Parse(input, options);
                accepted++;
                var written = SyncMLXml.ToXmlString(message);
                SyncMLXml.Parse(written).ShouldNotBeNull();
            }
            catch (SyncMLFormatException e)
            {
                if (string.IsNullOrWhiteSpace(e.Message))
                {
                    failures.Add($"#{i}: empty message");
                }
            }
            catch (Exception e)
            {
                failures.Add($"#{i}: {e.GetType().Name}: {e.Message}\n{Encoding.UTF8.GetString(input)[..Math.Min(300, input.Length)]}");
            }
        }

        failures.ShouldBeEmpty();
        accepted.ShouldBeGreaterThan(0, "some mutations (e.g. inside Data) must still be valid messages");
    }
}
