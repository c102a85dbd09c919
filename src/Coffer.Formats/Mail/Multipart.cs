namespace Coffer.Formats.Mail;

/// <summary>RFC 2046 §5.1 multipart entity: body parts between boundary delimiters, with preamble and epilogue kept.</summary>
public sealed class Multipart : MimeEntity
{
    public Multipart(string subtype, string boundary)
        : base(CreateType(subtype, boundary))
    {
    }

    internal Multipart(HeaderList headers, ParserCompliance compliance)
        : base(headers, compliance)
    {
    }

    public string Boundary => ContentType.Boundary ?? string.Empty;

    public List<MimeEntity> Parts { get; } = [];

    /// <summary>Octets before the first delimiter (null when the body starts with it), RFC 2046 §5.1.1.</summary>
    public byte[]? Preamble { get; set; }

    /// <summary>Octets after the close delimiter line (null when the close delimiter ends the data).</summary>
    public byte[]? Epilogue { get; set; }

    private static ContentType CreateType(string subtype, string boundary)
    {
        var ct = new ContentType("multipart", subtype);
        ct.Parameters.Set("boundary", boundary);
        return ct;
    }
}
