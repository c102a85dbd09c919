using System.Text;

namespace Coffer.Agent.Peer;

/// <summary>Reads a request head up to its blank line, then exactly the body's bytes, from one buffer.</summary>
internal sealed class PeerHttpReader(Stream stream)
{
    private readonly byte[] buffer = new byte[8192];
    private int start;
    private int end;

    public async Task<string?> ReadHeadAsync(int limit, CancellationToken ct)
    {
        var head = new List<byte>();
        while (true)
        {
            if (start == end && !await FillAsync(ct).ConfigureAwait(false))
            {
                if (head.Count == 0)
                {
                    return null;
                }

                throw new IOException("connection closed inside a request head");
            }

            head.Add(buffer[start++]);
            var n = head.Count;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n')
            {
                return Encoding.ASCII.GetString([.. head], 0, n - 4);
            }

            if (n > limit)
            {
                throw new IOException($"request head over {limit} bytes");
            }
        }
    }

    public async Task<byte[]> ReadBodyAsync(int length, CancellationToken ct)
    {
        var body = new byte[length];
        var done = 0;
        while (done < length)
        {
            if (start == end && !await FillAsync(ct).ConfigureAwait(false))
            {
                throw new IOException("connection closed inside a request body");
            }

            var n = Math.Min(end - start, length - done);
            buffer.AsSpan(start, n).CopyTo(body.AsSpan(done));
            (start, done) = (start + n, done + n);
        }

        return body;
    }

    private async Task<bool> FillAsync(CancellationToken ct)
    {
        start = 0;
        end = await stream.ReadAsync(buffer, ct).ConfigureAwait(false);
        return end > 0;
    }
}
