using Coffer.Formats.Mail;

namespace Coffer.Formats.Tests.Mail;

public class MailFuzzTests
{
    private static readonly byte[] Interesting = "\r\n:;=?\"<>@,()-\\ \t\0\u00ff=?utf-8?B?--"u8.ToArray();

    /// <summary>Seeded mutations of every golden message: Loose must never throw, Strict only PimFormatException.</summary>
    [Fact]
    public void Random_mutations_raise_nothing_in_loose_and_only_pim_format_exception_in_strict()
    {
        var random = new Random(5322);
        var goldens = Golden.Names.Select(Golden.Load).ToArray();
        for (var round = 0; round < 2000; round++)
        {
            var input = Mutate(goldens[round % goldens.Length], random);

            var loose = MailParser.Parse(input);
            _ = MailRoundTripTests.Describe(loose);
            _ = loose.From.Count + loose.To.Count + loose.Attachments.Count();
            _ = (loose.Subject, loose.Date, loose.TextBody, loose.HtmlBody, loose.MessageId, loose.References);
            MailParser.Parse(MailWriter.Write(loose));

            try
            {
                MailParser.Parse(input, ParserCompliance.Strict);
            }
            catch (PimFormatException)
            {
            }
        }
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var data = source.ToList();
        var edits = random.Next(1, 8);
        for (var e = 0; e < edits && data.Count > 0; e++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 2:
                    data.RemoveRange(at, Math.Min(random.Next(1, 40), data.Count - at));
                    break;
                case 3:
                    // Duplicate a slice: repeats boundaries, headers and nesting.
                    var len = Math.Min(random.Next(1, 200), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, len));
                    break;
                default:
                    data.RemoveRange(at, data.Count - at);
                    break;
            }
        }

        return data.ToArray();
    }
}
