using Coffer.SyncML.Wbxml;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Wbxml;

/// <summary>
/// Seeded random mutations of every WBXML vector: whatever the bytes, the decoder (Loose and Strict) raises
/// nothing but <see cref="SyncMLFormatException"/> with a byte offset inside the input, and a tree it accepts can
/// be encoded again.
/// </summary>
public sealed class WbxmlFuzzTests
{
    private const int Seed = 20261121;
    private const int Mutations = 2000;

    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x03, 0x04, 0x40, 0x43, 0x44, 0x80, 0x83, 0x84, 0xC0, 0xC3, 0xC4, 0x7F, 0xFF];

    [Fact]
    public void MutatedVectors_OnlyEverRaiseSyncMLFormatException()
    {
        var vectors = Vectors();
        var random = new Random(Seed);
        var accepted = 0;
        var rejected = 0;
        for (var i = 0; i < Mutations; i++)
        {
            var source = vectors[random.Next(vectors.Count)];
            var input = Mutate(source, random);
            foreach (var strict in new[] { false, true })
            {
                try
                {
                    var decoded = WbxmlDecoder.Decode(input, new WbxmlOptions { Strict = strict });
                    accepted++;
                    WbxmlEncoder.Encode(decoded);
                }
                catch (SyncMLFormatException e)
                {
                    rejected++;
                    if (e.Position is { } position)
                    {
                        position.ShouldBeInRange(0, input.Length, $"mutation {i} (strict={strict}): {e.Message}");
                    }
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"mutation {i} (seed {Seed}, strict={strict}) of {input.Length} bytes raised {e.GetType().Name}: {e}");
                }
            }
        }

        // Both outcomes must occur, or the mutations are not reaching the parser's interesting paths.
        accepted.ShouldBeGreaterThan(Mutations / 20);
        rejected.ShouldBeGreaterThan(Mutations / 2);
    }

    private static List<byte[]> Vectors()
    {
        var vectors = WbxmlVectors.CaptureFiles().Select(File.ReadAllBytes).ToList();
        foreach (var xml in TestDataPaths.Files(WbxmlVectors.LibwbxmlFolder, "*.xml"))
        {
            // xml2wbxml's own output (string table, split strings, WBXML 1.3) and ours with a string public id.
            vectors.Add(Libwbxml.Xml2Wbxml(xml));
            vectors.Add(WbxmlEncoder.Encode(WbxmlVectors.LoadXml(xml), new WbxmlEncodeOptions { UseStringTable = true, StringPublicId = true }));
        }

        // OMA DM messages, among them a nested DM DDF (TNDS) document on code page 2.
        foreach (var xml in Directory.GetFiles(Path.Combine(TestDataPaths.RepoRoot, "tests", "Coffer.SyncML.Tests", "Dm", "vectors"), "*.xml"))
        {
            vectors.Add(Libwbxml.Xml2Wbxml(xml));
            vectors.Add(WbxmlEncoder.Encode(WbxmlVectors.LoadXml(xml)));
        }

        return vectors;
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        var count = random.Next(1, 4);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    var insert = new byte[random.Next(1, 9)];
                    random.NextBytes(insert);
                    bytes.InsertRange(at, insert);
                    break;
                case 4:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 5:
                    var chunk = bytes.GetRange(at, Math.Min(random.Next(1, 128), bytes.Count - at));
                    bytes.InsertRange(random.Next(bytes.Count), chunk);
                    break;
                default:
                    // An over-long or huge mb_u_int32 where a length or index is expected.
                    bytes.InsertRange(at, random.Next(2) == 0 ? [0x8F, 0xFF, 0xFF, 0xFF, 0x7F] : [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
                    break;
            }
        }

        return [.. bytes];
    }
}
