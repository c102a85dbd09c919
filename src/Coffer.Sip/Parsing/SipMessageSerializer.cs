using System.Text;
using Coffer.Sip.Message;

namespace Coffer.Sip.Parsing;

/// <summary>Writes a message in the RFC 3261 §7 form: long header names, CRLF line ends, Content-Length always.</summary>
public static class SipMessageSerializer
{
    public static byte[] Serialize(SipMessage message)
    {
        var head = new StringBuilder(message.StartLine).Append("\r\n");
        foreach (var header in message.Headers)
        {
            if (!string.Equals(header.Name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                head.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
            }
        }
        // §18.3 / §20.14: always present, so a stream can be framed and a datagram's trailing octets dropped.
        head.Append(HeaderNames.ContentLength).Append(": ").Append(message.Body.Length).Append("\r\n\r\n");
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());
        var bytes = new byte[headBytes.Length + message.Body.Length];
        headBytes.CopyTo(bytes, 0);
        message.Body.CopyTo(bytes, headBytes.Length);
        return bytes;
    }

    public static string ToText(SipMessage message) => Encoding.UTF8.GetString(Serialize(message));
}
