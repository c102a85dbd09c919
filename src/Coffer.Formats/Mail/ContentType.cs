namespace Coffer.Formats.Mail;

/// <summary>RFC 2045 §5.1 Content-Type: "type/subtype" plus parameters (charset, boundary, name...).</summary>
public sealed class ContentType
{
    public ContentType(string mediaType, string mediaSubtype)
    {
        MediaType = mediaType.ToLowerInvariant();
        MediaSubtype = mediaSubtype.ToLowerInvariant();
    }

    /// <summary>The default when the field is absent or unparsable: text/plain; charset=us-ascii (RFC 2045 §5.2).</summary>
    public static ContentType Default
    {
        get
        {
            var ct = new ContentType("text", "plain");
            ct.Parameters.Set("charset", "us-ascii");
            return ct;
        }
    }

    public string MediaType { get; }

    public string MediaSubtype { get; }

    public string MimeType => MediaType + "/" + MediaSubtype;

    public ParameterList Parameters { get; private init; } = new();

    public string? Charset => Parameters["charset"];

    public string? Boundary => Parameters["boundary"];

    /// <summary>The "name" parameter (an older way to give an attachment's file name, RFC 1341).</summary>
    public string? Name => Parameters["name"];

    public bool Is(string mediaType, string mediaSubtype) =>
        MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) &&
        (mediaSubtype == "*" || MediaSubtype.Equals(mediaSubtype, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Parses a Content-Type value. Strict raises <see cref="PimFormatException"/> on syntax errors; Loose
    /// returns null so the caller falls back to <see cref="Default"/>, as RFC 2045 §5.2 recommends.
    /// </summary>
    public static ContentType? Parse(string value, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var cursor = new HeaderCursor(value);
        cursor.SkipCfws();
        var type = cursor.ReadToken();
        cursor.SkipCfws();
        if (type == null || !cursor.TryConsume('/'))
        {
            return Fail(compliance, value);
        }

        cursor.SkipCfws();
        var subtype = cursor.ReadToken();
        if (subtype == null)
        {
            return Fail(compliance, value);
        }

        return new ContentType(type, subtype) { Parameters = ParameterList.Parse(cursor, compliance) };
    }

    public override string ToString() => MimeType + Parameters;

    private static ContentType? Fail(ParserCompliance compliance, string value) =>
        compliance == ParserCompliance.Strict
            ? throw new PimFormatException($"Invalid Content-Type \"{value}\" (RFC 2045 §5.1).")
            : null;
}
