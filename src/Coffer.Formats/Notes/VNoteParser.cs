using System.Globalization;
using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Notes;

/// <summary>
/// Reads text/x-vnote (vNote 1.1, IrMC 1.1 §3.3.3.3): BEGIN:VNOTE, VERSION, BODY, SUMMARY, CATEGORIES,
/// CLASS, DCREATED, LAST-MODIFIED, X-IRMC-LUID, END:VNOTE. The syntax is vCard 2.1's (quoted-printable,
/// CHARSET, bare parameters, "\;" escapes), read by the shared content-line core.
/// </summary>
public static class VNoteParser
{
    public static IReadOnlyList<Note> Parse(string text, ParserCompliance compliance = ParserCompliance.Loose) =>
        FromComponents(ComponentReader.Read(text, Options(compliance)), compliance);

    public static IReadOnlyList<Note> Parse(ReadOnlySpan<byte> bytes, ParserCompliance compliance = ParserCompliance.Loose) =>
        FromComponents(ComponentReader.Read(bytes, Options(compliance)), compliance);

    public static Note FromComponent(Component component, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var note = new Note();
        foreach (var line in component.Properties)
        {
            string Text() => TextEscaping.Unescape(ContentLineValue.DecodeText(line, compliance), EscapeStyle.Legacy, compliance);
            switch (line.Name)
            {
                case "VERSION":
                    if (compliance == ParserCompliance.Strict && line.Value.Trim() != "1.1")
                    {
                        throw new PimFormatException($"Unsupported vNote VERSION {line.Value} (IrMC 1.1: 1.1).") { Line = line.LineNumber };
                    }

                    break;
                case "BODY":
                    note.Body = Text().ReplaceLineEndings("\n");
                    break;
                case "SUMMARY":
                    note.Summary = Text().ReplaceLineEndings(" ");
                    break;
                case "CATEGORIES":
                    // vCalendar 1.0 lists use ';'; many devices write ',' as in iCalendar.
                    note.Categories.AddRange(ContentLineValue.DecodeText(line, compliance)
                        .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(c => c.Replace("\\", string.Empty, StringComparison.Ordinal)));
                    break;
                case "CLASS":
                    note.Classification = Text().Trim();
                    break;
                case "DCREATED":
                    note.Created = ParseDate(line, compliance);
                    break;
                case "LAST-MODIFIED":
                    note.LastModified = ParseDate(line, compliance);
                    break;
                case "X-IRMC-LUID":
                    note.Luid = Text().Trim();
                    break;
                default:
                    note.OtherProperties.Add(line.Clone());
                    break;
            }
        }

        if (compliance == ParserCompliance.Strict && component.GetProperty("VERSION") == null)
        {
            throw new PimFormatException("vNote without VERSION (IrMC 1.1 §3.3.3.3).") { Line = component.LineNumber };
        }

        return note;
    }

    /// <summary>ISO 8601 basic "yyyyMMddTHHmmss[Z]" (vCalendar 1.0 §2.1.5), also date-only in Loose.</summary>
    internal static DateTime? ParseDate(ContentLine line, ParserCompliance compliance)
    {
        var value = line.Value.Trim();
        var utc = value.EndsWith('Z') || value.EndsWith('z');
        var core = utc ? value[..^1] : value;
        string[] formats = compliance == ParserCompliance.Strict ? ["yyyyMMdd'T'HHmmss"] : ["yyyyMMdd'T'HHmmss", "yyyyMMdd'T'HHmm", "yyyyMMdd", "yyyy-MM-dd'T'HH:mm:ss"];
        if (DateTime.TryParseExact(core, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DateTime.SpecifyKind(date, utc ? DateTimeKind.Utc : DateTimeKind.Unspecified);
        }

        return compliance == ParserCompliance.Strict
            ? throw new PimFormatException($"Invalid {line.Name} date \"{value}\" (vCalendar 1.0 §2.1.5).") { Line = line.LineNumber }
            : null;
    }

    private static ContentLineReaderOptions Options(ParserCompliance compliance) => new() { Compliance = compliance };

    private static List<Note> FromComponents(List<Component> components, ParserCompliance compliance)
    {
        var notes = new List<Note>();
        foreach (var component in components)
        {
            if (component.Name == "VNOTE")
            {
                notes.Add(FromComponent(component, compliance));
            }
            else if (compliance == ParserCompliance.Strict)
            {
                throw new PimFormatException($"Expected BEGIN:VNOTE, found BEGIN:{component.Name}.") { Line = component.LineNumber };
            }
        }

        return notes;
    }
}
