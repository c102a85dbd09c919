namespace Coffer.Formats.Mail;

/// <summary>Entry point: parses RFC 5322 / MIME messages into a <see cref="MailMessage"/>.</summary>
public static class MailParser
{
    /// <summary>
    /// Parses a whole message. Loose (the default) never throws: bare LF line ends are repaired, bad header
    /// lines start the body, unparsable fields fall back to their defaults, a missing close delimiter ends
    /// the multipart at the end of data. Strict raises <see cref="PimFormatException"/> for anything the RFCs forbid.
    /// </summary>
    public static MailMessage Parse(ReadOnlySpan<byte> data, ParserCompliance compliance = ParserCompliance.Loose) =>
        new MimeReader(data.ToArray(), compliance).ReadMessage();

    public static MailMessage Parse(Stream stream, ParserCompliance compliance = ParserCompliance.Loose)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new MimeReader(buffer.ToArray(), compliance).ReadMessage();
    }
}
