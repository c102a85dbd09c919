using System.Globalization;
using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>Reads HTTP/1.1 requests (RFC 9112 §2-§7: start line, fields, Content-Length or chunked body) off a stream.</summary>
internal sealed class HttpWireReader(Stream stream)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    /// <summary>One parsed request; null when the peer closed the connection before a new request began.</summary>
    public async Task<HttpWireRequest?> ReadRequestAsync(Func<Task> onExpectContinue, CancellationToken cancellationToken)
    {
        var requestLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        while (requestLine is { Length: 0 })
        {
            // RFC 9112 §2.2: a server SHOULD ignore empty lines before a request line.
            requestLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }

        if (requestLine == null)
        {
            return null;
        }

        var parts = requestLine.Split(' ');
        if (parts.Length != 3)
        {
            throw new InvalidDataException("Bad request line: " + requestLine);
        }

        var headers = new List<KeyValuePair<string, string>>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException("Connection closed inside the header.");
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException("Bad header line: " + line);
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        string? Header(string name) => headers.LastOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

        if (Header("Expect")?.Equals("100-continue", StringComparison.OrdinalIgnoreCase) == true)
        {
            await onExpectContinue().ConfigureAwait(false);
        }

        byte[] body;
        if (Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            body = await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var length = Header("Content-Length") is { } l ? long.Parse(l, CultureInfo.InvariantCulture) : 0;
            body = await ReadExactAsync(checked((int)length), cancellationToken).ConfigureAwait(false);
        }

        return new HttpWireRequest(parts[0], parts[1], parts[2], headers, body);
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException("Connection closed inside a chunk.");
            var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var size = int.Parse(semicolon < 0 ? sizeLine : sizeLine[..semicolon], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // Trailer fields until the empty line (RFC 9112 §7.1.2).
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Length > 0)
                {
                }

                return body.ToArray();
            }

            body.Write(await ReadExactAsync(size, cancellationToken).ConfigureAwait(false));
            await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (start == end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new EndOfStreamException($"Connection closed after {filled} of {count} body bytes.");
            }

            var n = Math.Min(count - filled, end - start);
            Array.Copy(buffer, start, result, filled, n);
            start += n;
            filled += n;
        }

        return result;
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (start == end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return line.Length == 0 ? null : throw new EndOfStreamException("Connection closed inside a line.");
            }

            var b = buffer[start++];
            if (b == (byte)'\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)b);
            if (line.Length > 64 * 1024)
            {
                throw new InvalidDataException("Header line too long.");
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        start = 0;
        end = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return end > 0;
    }
}
