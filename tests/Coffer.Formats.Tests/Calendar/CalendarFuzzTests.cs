using System.Text;
using Coffer.Formats.Calendar;

namespace Coffer.Formats.Tests.Calendar;

/// <summary>
/// Seeded mutations of every real item (fixed seed, bounded count): Strict may only raise
/// PimFormatException, Loose must not raise at all, and whatever Loose returns must be writable in both versions.
/// </summary>
public class CalendarFuzzTests
{
    private const int Iterations = 2000;

    [Fact]
    public void MutatedItemsRaiseOnlyPimFormatExceptionInStrictAndNothingInLoose()
    {
        var seeds = CalendarVectors.IcsFiles.SelectMany(CalendarVectors.IcsItems)
            .Concat(CalendarVectors.SyncMLItems().Select(i => i.Text))
            .ToList();
        var random = new Random(20240708);
        var strictRejected = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], random);
            try
            {
                CalendarParser.Parse(input, ParserCompliance.Strict);
            }
            catch (PimFormatException)
            {
                strictRejected++;
            }
            catch (Exception ex)
            {
                throw new ShouldAssertException($"Strict raised {ex.GetType().Name} for mutation {i}:\n{input}", ex);
            }

            try
            {
                var doc = CalendarParser.Parse(input);
                CalendarWriter.Write(doc, CalendarVersion.ICalendar20);
                CalendarWriter.Write(doc, CalendarVersion.VCalendar10);
            }
            catch (Exception ex)
            {
                throw new ShouldAssertException($"Loose raised {ex.GetType().Name} for mutation {i}:\n{input}", ex);
            }
        }

        // The mutations must actually break things, or the test proves nothing.
        strictRejected.ShouldBeGreaterThan(Iterations / 10);
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var sb = new StringBuilder();
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds; r++)
        {
            var li = random.Next(lines.Count);
            var line = lines[li];
            switch (random.Next(10))
            {
                case 0:
                    lines.RemoveAt(li);
                    break;
                case 1:
                    lines.Insert(li, line);
                    break;
                case 2 when line.Length > 0:
                    lines[li] = line.Remove(random.Next(line.Length), 1);
                    break;
                case 3:
                    lines[li] = line.Insert(random.Next(line.Length + 1), Pick(random, ":", ";", "=", "\\", ",", "\"", " ", "T", "Z", "-", "#", "+", "0", "9", "\u00e4", "\u0000"));
                    break;
                case 4 when line.Contains(':', StringComparison.Ordinal):
                    lines[li] = line[..(line.IndexOf(':', StringComparison.Ordinal) + 1)] + Pick(random, string.Empty, "99999999T999999", "20240230", "FREQ=", "W", "MP0 9+ XX", "-P", "PT", "TRUE;;;", "=Z1", "X" + new string('9', 40), "D1 #99999999999");
                    break;
                case 5:
                    lines[li] = Pick(random, "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VALARM", "END:VCALENDAR", "BEGIN:VTIMEZONE", "TZ:+99", "DAYLIGHT:TRUE;+02;x;y", "AALARM:;;;", "DALARM:2024", "VERSION:1.0", "VERSION:2.0", " folded");
                    break;
                case 6:
                    lines.Insert(li, Pick(random, "RRULE:YD1 400 #2", "EXDATE;VALUE=DATE:2024", "TRIGGER:-PXT", "DTSTART;TZID=nowhere:20240101T000000", "PRIORITY:-1", "DESCRIPTION;ENCODING=QUOTED-PRINTABLE:=G1=", "CATEGORIES:\\", "ATTENDEE;STATUS=:x"));
                    break;
                case 7 when line.Length > 2:
                    var cut = random.Next(1, line.Length);
                    lines[li] = line[..cut];
                    lines.Insert(li + 1, " " + line[cut..]);
                    break;
                case 8:
                    var other = random.Next(lines.Count);
                    (lines[li], lines[other]) = (lines[other], lines[li]);
                    break;
                default:
                    lines[li] = line.ToLowerInvariant();
                    break;
            }

            if (lines.Count == 0)
            {
                lines.Add(string.Empty);
            }
        }

        foreach (var l in lines)
        {
            sb.Append(l).Append(random.Next(4) == 0 ? "\n" : "\r\n");
        }

        return sb.ToString();
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];
}
