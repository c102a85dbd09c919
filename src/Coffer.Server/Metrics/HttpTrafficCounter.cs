namespace Coffer.Server.Metrics;

/// <summary>The bytes the HTTP listeners received and sent on every connection, headers and bodies alike.</summary>
public sealed class HttpTrafficCounter
{
    private long received;
    private long sent;

    public long Received => Interlocked.Read(ref received);

    public long Sent => Interlocked.Read(ref sent);

    public void AddReceived(long bytes) => Interlocked.Add(ref received, bytes);

    public void AddSent(long bytes) => Interlocked.Add(ref sent, bytes);
}
