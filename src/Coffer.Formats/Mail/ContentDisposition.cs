namespace Coffer.Formats.Mail;

/// <summary>RFC 2183 Content-Disposition: "inline" or "attachment" plus parameters (filename, size, dates).</summary>
public sealed class ContentDisposition
{
    public ContentDisposition(string disposition)
    {
        Disposition = disposition.ToLowerInvariant();
    }

    public string Disposition { get; }

    public ParameterList Parameters { get; private init; } = new();

    /// <summary>RFC 2183 §2.8 (RFC 2231 continuations and charsets already applied).</summary>
    public string? FileName => Parameters["filename"];

    /// <summary>RFC 2183 §2.2: anything but "inline" is treated as an attachment (unknown types as well).</summary>
    public bool IsAttachment => Disposition != "inline";

    /// <summary>Parses the field value; Strict raises on syntax errors, Loose returns null.</summary>
    public static ContentDisposition? Parse(string value, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var cursor = new HeaderCursor(value);
        cursor.SkipCfws();
        var disposition = cursor.ReadToken();
        if (disposition == null)
        {
            return compliance == ParserCompliance.Strict
                ? throw new PimFormatException($"Invalid Content-Disposition \"{value}\" (RFC 2183 §2).")
                : null;
        }

        return new ContentDisposition(disposition) { Parameters = ParameterList.Parse(cursor, compliance) };
    }

    public override string ToString() => Disposition + Parameters;
}
