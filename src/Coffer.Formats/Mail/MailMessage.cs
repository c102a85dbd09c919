namespace Coffer.Formats.Mail;

/// <summary>
/// An RFC 5322 message with a MIME body (RFC 2045-2049). The address, subject, date and id properties are
/// views of <see cref="Headers"/> (setters rewrite the field); <see cref="RawBytes"/> keeps the input as received.
/// </summary>
public sealed class MailMessage
{
    private MimeEntity body;

    /// <summary>An empty message with an empty text/plain body; fill it or use <see cref="MailBuilder"/>.</summary>
    public MailMessage()
    {
        Headers = new HeaderList();
        body = new MimePart(Headers, [], ParserCompliance.Loose);
    }

    internal MailMessage(HeaderList headers, MimeEntity body, byte[]? raw)
    {
        Headers = headers;
        this.body = body;
        RawBytes = raw;
    }

    /// <summary>Every header field in order, including the body's Content-* fields (they share this list).</summary>
    public HeaderList Headers { get; }

    /// <summary>The MIME body; its <see cref="MimeEntity.Headers"/> is <see cref="Headers"/>.</summary>
    public MimeEntity Body
    {
        get => body;
        set
        {
            // A top-level entity's Content-* fields live in the message header (RFC 2045 §3).
            foreach (var name in Headers.Select(h => h.Field).Where(IsMimeField).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
            {
                Headers.RemoveAll(name);
            }

            foreach (var h in value.Headers.Where(h => IsMimeField(h.Field)))
            {
                Headers.Add(h);
            }

            value.Headers = Headers;
            body = value;
        }
    }

    /// <summary>The message exactly as it was parsed (before any line-ending repair); null for built messages.</summary>
    public byte[]? RawBytes { get; internal set; }

    public InternetAddressList From
    {
        get => Addresses("From");
        set => SetAddresses("From", value);
    }

    /// <summary>RFC 5322 §3.6.2 Sender: a single mailbox.</summary>
    public MailboxAddress? Sender
    {
        get => Addresses("Sender").Mailboxes.FirstOrDefault();
        set => SetOrRemove("Sender", value?.ToString());
    }

    public InternetAddressList ReplyTo
    {
        get => Addresses("Reply-To");
        set => SetAddresses("Reply-To", value);
    }

    public InternetAddressList To
    {
        get => Addresses("To");
        set => SetAddresses("To", value);
    }

    public InternetAddressList Cc
    {
        get => Addresses("Cc");
        set => SetAddresses("Cc", value);
    }

    public InternetAddressList Bcc
    {
        get => Addresses("Bcc");
        set => SetAddresses("Bcc", value);
    }

    /// <summary>Subject with RFC 2047 encoded-words decoded.</summary>
    public string? Subject
    {
        get => Headers["Subject"];
        set => SetOrRemove("Subject", value);
    }

    /// <summary>The origination date (RFC 5322 §3.6.1), or null when absent or unparsable.</summary>
    public DateTimeOffset? Date
    {
        get => MailDate.TryParse(Headers.Find("Date")?.UnfoldedRaw, ParserCompliance.Loose, out var d) ? d : null;
        set => SetOrRemove("Date", value == null ? null : MailDate.Format(value.Value));
    }

    /// <summary>Message-ID without angle brackets (RFC 5322 §3.6.4).</summary>
    public string? MessageId
    {
        get => MessageIds.ParseOne(Headers.Find("Message-ID")?.UnfoldedRaw);
        set => SetOrRemove("Message-ID", value == null ? null : "<" + value + ">");
    }

    /// <summary>The first In-Reply-To id without angle brackets.</summary>
    public string? InReplyTo
    {
        get => MessageIds.ParseOne(Headers.Find("In-Reply-To")?.UnfoldedRaw);
        set => SetOrRemove("In-Reply-To", value == null ? null : "<" + value + ">");
    }

    public IReadOnlyList<string> References
    {
        get => Headers.Find("References") is { } h ? MessageIds.ParseList(h.UnfoldedRaw) : [];
        set => SetOrRemove("References", value.Count == 0 ? null : string.Join(' ', value.Select(id => "<" + id + ">")));
    }

    /// <summary>The text of the first text/plain part that is not an attachment (not looking into attached messages).</summary>
    public string? TextBody => FindText("plain");

    /// <summary>The text of the first text/html part that is not an attachment.</summary>
    public string? HtmlBody => FindText("html");

    /// <summary>Every leaf entity in document order (attached messages count as one leaf).</summary>
    public IEnumerable<MimeEntity> BodyParts => Leaves(Body);

    /// <summary>Attached files (<see cref="MimePart.IsAttachment"/>) and attached messages.</summary>
    public IEnumerable<MimeEntity> Attachments =>
        BodyParts.Where(e => e != Body && (e is MessagePart || (e is MimePart p && p.IsAttachment)));

    public override string ToString() => $"{Subject} ({From})";

    private static bool IsMimeField(string field) => field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<MimeEntity> Leaves(MimeEntity entity)
    {
        if (entity is Multipart m)
        {
            foreach (var part in m.Parts)
            {
                foreach (var leaf in Leaves(part))
                {
                    yield return leaf;
                }
            }
        }
        else
        {
            yield return entity;
        }
    }

    private string? FindText(string subtype)
    {
        var part = BodyParts.OfType<MimePart>().FirstOrDefault(p => p.ContentType.Is("text", subtype) && !p.IsAttachment);
        return part?.GetText();
    }

    private InternetAddressList Addresses(string field)
    {
        var list = new InternetAddressList();
        foreach (var h in Headers.FindAll(field))
        {
            foreach (var a in AddressParser.ParseList(h.UnfoldedRaw, ParserCompliance.Loose, field))
            {
                list.Add(a);
            }
        }

        return list;
    }

    private void SetAddresses(string field, InternetAddressList value) => SetOrRemove(field, value.Count == 0 ? null : value.ToString());

    private void SetOrRemove(string field, string? value)
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
