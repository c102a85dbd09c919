using System.Text;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.VCard;

/// <summary>
/// Seeded mutations of the real vCards: Strict may only reject with PimFormatException, Loose may only
/// raise PimFormatException (and whatever Loose returns must be writable in every version and re-readable).
/// </summary>
public class VCardFuzzTests
{
    private const int Iterations = 2000;
    private static readonly string[] Tokens =
        [":", ";", "=", ",", "\"", "\\", "\r\n", "\n", "\r", " ", "\t", "=\r\n", "\r\n ", "é", "\u0000", "😀", "\ud800",
         "ENCODING=QUOTED-PRINTABLE", "ENCODING=b", "ENCODING=BASE64", "CHARSET=SHIFT_JIS", "CHARSET=bogus", "VALUE=uri",
         "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0", "data:", "geo:", "TYPE=\"", "PHOTO;", "=ZZ", "=0"];

    [Fact]
    public void Mutated_vectors_raise_only_PimFormatException()
    {
        var random = new Random(20240611);
        var items = VCardVectors.AllItems().ToList();
        int strictRejected = 0, looseParsed = 0;
        for (var n = 0; n < Iterations; n++)
        {
            var input = Mutate(items[random.Next(items.Count)], random);
            try
            {
                VCardParser.Parse(input, VCardParserOptions.Strict);
            }
            catch (PimFormatException)
            {
                strictRejected++;
            }

            IReadOnlyList<Coffer.Formats.VCard.VCard> cards;
            try
            {
                cards = n % 2 == 0 ? VCardParser.Parse(input) : VCardParser.Parse(Encoding.UTF8.GetBytes(input));
            }
            catch (PimFormatException)
            {
                continue;
            }

            looseParsed++;
            foreach (var card in cards)
            {
                // One target version per iteration (cycled) keeps the run short.
                var version = (VCardVersion)(n % 3);
                var written = VCardWriter.Write(card, version);
                if (VCardParser.Parse(written).Count != 1)
                {
                    Assert.Fail($"iteration {n}: {version} output does not read back as one vCard:\n{written}");
                }
            }
        }

        // Both outcomes must really occur, or the mutations are too weak (or too destructive) to test anything.
        strictRejected.ShouldBeGreaterThan(Iterations / 10);
        looseParsed.ShouldBeGreaterThan(Iterations / 2);
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var pos = random.Next(sb.Length + 1);
            switch (random.Next(6))
            {
                case 0 when sb.Length > 0:
                    sb.Remove(Math.Min(pos, sb.Length - 1), Math.Min(random.Next(1, 20), sb.Length - Math.Min(pos, sb.Length - 1)));
                    break;
                case 1:
                    sb.Insert(pos, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2:
                    sb.Insert(pos, (char)random.Next(0, 0x3000));
                    break;
                case 3 when sb.Length > 0:
                    var start = random.Next(sb.Length);
                    var len = Math.Min(random.Next(1, 200), sb.Length - start);
                    sb.Insert(pos, sb.ToString(start, len));
                    break;
                case 4:
                    sb.Length = Math.Min(sb.Length, pos);
                    break;
                default:
                    if (pos < sb.Length)
                    {
                        sb[pos] = Tokens[random.Next(Tokens.Length)][0];
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
