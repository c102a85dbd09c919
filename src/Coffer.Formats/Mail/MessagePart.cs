namespace Coffer.Formats.Mail;

/// <summary>A message/rfc822 entity (RFC 2046 §5.2.1): an encapsulated message, parsed recursively.</summary>
public sealed class MessagePart : MimeEntity
{
    public MessagePart(MailMessage message)
        : base(new ContentType("message", "rfc822"))
    {
        Message = message;
    }

    internal MessagePart(HeaderList headers, MailMessage message, ParserCompliance compliance)
        : base(headers, compliance)
    {
        Message = message;
    }

    public MailMessage Message { get; set; }
}
