using System.Net;

namespace Coffer.Sip.Transactions;

/// <summary>
/// What a non-INVITE server transaction keeps in the Completed state (RFC 3261 §17.2.2): its key, to match a
/// retransmitted request, and the final response's bytes and destination, to resend it — not the request, the
/// response object nor a timer of its own. <see cref="Termination"/> is the transaction's, so that whoever still
/// holds the transaction sees it end with timer J.
/// </summary>
internal sealed class CompletedServerTransaction(string key, byte[] response, IPEndPoint remote, TaskCompletionSource termination)
{
    public string Key { get; } = key;
    public byte[] Response { get; } = response;
    public IPEndPoint Remote { get; } = remote;

    /// <summary>When timer J fires, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long Due { get; set; }

    public void Terminate() => termination.TrySetResult();
}
