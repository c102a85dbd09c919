using System.Globalization;
using System.Text;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Transport;

/// <summary>
/// Cuts a byte stream (TCP) into messages: the header block up to the empty line, then Content-Length octets of
/// body, which a stream message must carry (§18.3, §20.14). CRLFs between messages are keep-alives (§7.5).
/// </summary>
public sealed class SipStreamFramer(int maxMessageSize = 65536)
{
    private byte[] _buffer = new byte[4096];
    private int _length;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + data.Length));
        }
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    /// <summary>The next whole message's bytes, or null until more data arrives. Throws on an unframeable stream.</summary>
    public byte[]? Next()
    {
        var start = 0;
        while (start + 1 < _length && _buffer[start] == '\r' && _buffer[start + 1] == '\n')
        {
            start += 2;
        }
        Consume(start);
        var data = _buffer.AsSpan(0, _length);
        var headEnd = data.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return _length > maxMessageSize ? throw new SipParseException("header block too large") : null;
        }
        var length = ContentLength(Encoding.UTF8.GetString(data[..headEnd]));
        var total = headEnd + 4 + length;
        if (total > maxMessageSize)
        {
            throw new SipParseException($"message of {total} octets is larger than {maxMessageSize}");
        }
        if (_length < total)
        {
            return null;
        }
        var message = data[..total].ToArray();
        Consume(total);
        return message;
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && HeaderNames.Canonical(line[..colon].Trim()) == HeaderNames.ContentLength)
            {
                return int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new SipParseException("invalid Content-Length on a stream");
            }
        }
        throw new SipParseException("no Content-Length on a stream transport (RFC 3261 §18.3)");
    }

    private void Consume(int count)
    {
        if (count == 0)
        {
            return;
        }
        _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
        _length -= count;
    }
}
