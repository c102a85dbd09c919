using Coffer.Agent.Protocol;

namespace Coffer.Agent.Runs;

/// <summary>
/// A transport that counts the bytes it posts and reads back, and tells <paramref name="observer"/> after every round
/// trip; the counts are what progress bars and the summary show as bytes sent and received.
/// </summary>
public sealed class CountingTransport(ISyncTransport inner, Action<long, long> observer) : ISyncTransport
{
    private long sent;
    private long received;

    public long Sent => Interlocked.Read(ref sent);

    public long Received => Interlocked.Read(ref received);

    public async Task<SyncExchange> PostAsync(Uri url, byte[] body, string contentType, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref sent, body.Length);
        var reply = await inner.PostAsync(url, body, contentType, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref received, reply.Body.Length);
        observer(Sent, Received);
        return reply;
    }
}
