namespace Coffer.Formats.Mail;

/// <summary>
/// A MIME entity (RFC 2045 §2.4): header fields plus content. The typed properties are views of
/// <see cref="Headers"/>; their setters rewrite the corresponding field, so the headers stay the one truth.
/// </summary>
public abstract class MimeEntity
{
    protected MimeEntity(ContentType contentType)
    {
        Headers = new HeaderList();
        Headers.Add("Content-Type", contentType.ToString());
    }

    internal MimeEntity(HeaderList headers, ParserCompliance compliance)
    {
        Headers = headers;
        Compliance = compliance;
    }

    /// <summary>The entity's fields. For a message's top-level body this is the message's own header list.</summary>
    public HeaderList Headers { get; internal set; }

    /// <summary>Content-Type (RFC 2045 §5); text/plain; charset=us-ascii when absent or unparsable (§5.2).</summary>
    public ContentType ContentType
    {
        get => ReadContentType(Headers, DefaultContentType);
        set => Headers.Set("Content-Type", value.ToString());
    }

    /// <summary>Content-Disposition (RFC 2183), or null.</summary>
    public ContentDisposition? ContentDisposition
    {
        get
        {
            var h = Headers.Find("Content-Disposition");
            return h == null ? null : ContentDisposition.Parse(h.UnfoldedRaw, ParserCompliance.Loose);
        }

        set
        {
            if (value == null)
            {
                Headers.RemoveAll("Content-Disposition");
            }
            else
            {
                Headers.Set("Content-Disposition", value.ToString());
            }
        }
    }

    /// <summary>Content-ID (RFC 2045 §7) without angle brackets.</summary>
    public string? ContentId
    {
        get => MessageIds.ParseOne(Headers.Find("Content-ID")?.UnfoldedRaw);
        set => SetOrRemove("Content-ID", value == null ? null : "<" + value + ">");
    }

    internal ParserCompliance Compliance { get; init; }

    /// <summary>text/plain, or message/rfc822 inside multipart/digest (RFC 2046 §5.1.5).</summary>
    internal ContentType DefaultContentType { get; init; } = ContentType.Default;

    internal static ContentType ReadContentType(HeaderList headers, ContentType fallback)
    {
        var h = headers.Find("Content-Type");
        if (h == null)
        {
            return fallback;
        }

        return ContentType.Parse(h.UnfoldedRaw, ParserCompliance.Loose) ?? ContentType.Default;
    }

    private protected void SetOrRemove(string field, string? value)
    {
        if (value == null)
        {
            Headers.RemoveAll(field);
        }
        else
        {
            Headers.Set(field, value);
        }
    }
}
