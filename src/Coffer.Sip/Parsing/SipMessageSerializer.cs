using System.Text;
using Coffer.Sip.Message;

namespace Coffer.Sip.Parsing;

/// <summary>Writes a message in the RFC 3261 §7 form: long header names, CRLF line ends, Content-Length always.</summary>
public static class SipMessageSerializer
{
    private static readonly UTF8Encoding Utf8 = new(false, false);

    /// <summary>
    /// The message's bytes, encoded straight into one array of the exact size (the lengths are counted first), so a
    /// response costs one allocation besides its start line.
    /// </summary>
    public static byte[] Serialize(SipMessage message)
    {
        var startLine = message.StartLine;
        Span<byte> digits = stackalloc byte[11];
        message.Body.Length.TryFormat(digits, out var digitCount);
        var size = Utf8.GetByteCount(startLine) + 2;
        foreach (var header in message.Headers)
        {
            if (!IsContentLength(header))
            {
                size += Utf8.GetByteCount(header.Name) + 2 + Utf8.GetByteCount(header.Value) + 2;
            }
        }
        size += HeaderNames.ContentLength.Length + 2 + digitCount + 4 + message.Body.Length;

        var bytes = new byte[size];
        var span = bytes.AsSpan();
        var at = Utf8.GetBytes(startLine, span);
        at += Crlf(span[at..]);
        foreach (var header in message.Headers)
        {
            if (!IsContentLength(header))
            {
                at += Utf8.GetBytes(header.Name, span[at..]);
                ": "u8.CopyTo(span[at..]);
                at += 2;
                at += Utf8.GetBytes(header.Value, span[at..]);
                at += Crlf(span[at..]);
            }
        }
        // §18.3 / §20.14: always present, so a stream can be framed and a datagram's trailing octets dropped.
        at += Utf8.GetBytes(HeaderNames.ContentLength, span[at..]);
        ": "u8.CopyTo(span[at..]);
        at += 2;
        digits[..digitCount].CopyTo(span[at..]);
        at += digitCount;
        "\r\n\r\n"u8.CopyTo(span[at..]);
        at += 4;
        message.Body.CopyTo(span[at..]);
        return bytes;
    }

    public static string ToText(SipMessage message) => Encoding.UTF8.GetString(Serialize(message));

    private static bool IsContentLength(SipHeader header) =>
        string.Equals(header.Name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase);

    private static int Crlf(Span<byte> destination)
    {
        "\r\n"u8.CopyTo(destination);
        return 2;
    }
}
