namespace Coffer.Sip.Transport;

/// <summary>
/// The bytes a transport received and sent on the wire (whole datagrams or stream bytes, parsed or not), for a host's
/// metrics: two counters bumped with one interlocked add per read or write.
/// </summary>
public sealed class SipTrafficCounter
{
    private long received;
    private long sent;

    public long Received => Interlocked.Read(ref received);

    public long Sent => Interlocked.Read(ref sent);

    public void AddReceived(int bytes) => Interlocked.Add(ref received, bytes);

    public void AddSent(int bytes) => Interlocked.Add(ref sent, bytes);
}
