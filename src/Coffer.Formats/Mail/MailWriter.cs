using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>Serializes a <see cref="MailMessage"/> to RFC 5322 octets with CRLF line ends.</summary>
public static class MailWriter
{
    /// <summary>
    /// Writes headers from their raw values and parts from their raw (still encoded) content, so a message
    /// parsed from canonical CRLF input comes back octet for octet.
    /// </summary>
    public static byte[] Write(MailMessage message)
    {
        using var output = new MemoryStream();
        WriteMessage(output, message);
        return output.ToArray();
    }

    private static void WriteMessage(Stream output, MailMessage message)
    {
        WriteHeaders(output, message.Headers);
        WriteBody(output, message.Body);
    }

    private static void WriteHeaders(Stream output, HeaderList headers)
    {
        foreach (var h in headers)
        {
            output.Write(Encoding.ASCII.GetBytes((h.RawField ?? h.Field) + ":"));
            output.Write(h.RawValue);
            output.Write("\r\n"u8);
        }

        output.Write("\r\n"u8);
    }

    private static void WriteBody(Stream output, MimeEntity entity)
    {
        switch (entity)
        {
            case MimePart part:
                output.Write(part.RawContent);
                break;
            case MessagePart message:
                WriteMessage(output, message.Message);
                break;
            case Multipart multipart:
                WriteMultipart(output, multipart);
                break;
        }
    }

    /// <summary>RFC 2046 §5.1.1: [preamble CRLF] "--b" CRLF part *(CRLF "--b" CRLF part) CRLF "--b--" [CRLF epilogue].</summary>
    private static void WriteMultipart(Stream output, Multipart multipart)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + multipart.Boundary);
        var atStart = true;
        if (multipart.Preamble != null)
        {
            output.Write(multipart.Preamble);
            atStart = false;
        }

        foreach (var part in multipart.Parts)
        {
            if (!atStart)
            {
                output.Write("\r\n"u8);
            }

            output.Write(delimiter);
            output.Write("\r\n"u8);
            WriteHeaders(output, part.Headers);
            WriteBody(output, part);
            atStart = false;
        }

        if (!atStart)
        {
            output.Write("\r\n"u8);
        }

        output.Write(delimiter);
        output.Write("--"u8);
        if (multipart.Epilogue != null)
        {
            output.Write("\r\n"u8);
            output.Write(multipart.Epilogue);
        }
    }
}
