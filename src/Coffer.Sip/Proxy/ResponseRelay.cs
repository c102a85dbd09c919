using Coffer.Sip.Message;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Proxy;

/// <summary>Turns a response received downstream into the one sent upstream (RFC 3261 §16.7 step 9).</summary>
internal static class ResponseRelay
{
    /// <summary>A copy without its top Via (ours); a final response without a To tag (one the client transaction made) gets ours.</summary>
    public static SipResponse Upstream(SipResponse response, string toTag)
    {
        var up = SipMessageCopy.Of(response);
        var via = up.Headers.FindIndex(h => h.Name == HeaderNames.Via);
        if (via >= 0)
        {
            up.Headers.RemoveAt(via);
        }
        if (up.StatusCode > 100 && up.To is { Tag: null } to)
        {
            to.Tag = toTag;
            up.Headers.Set(HeaderNames.To, to.ToString());
        }
        return up;
    }

    /// <summary>§16.7, §16.11: a response outside any transaction (a 2xx retransmitted, or after our final) forwarded statelessly.</summary>
    public static Task ForwardStatelessAsync(SipTransactionLayer layer, ProxyHop hop, SipResponse response, CancellationToken cancellationToken)
    {
        if (response.TopVia is not { } top || !hop.IsOwn(top))
        {
            return Task.CompletedTask;
        }
        var up = Upstream(response, "proxy");
        return up.TopVia is { } next
            ? layer.SendStatelessAsync(up, ViaStamp.ResponseDestination(next), cancellationToken)
            : Task.CompletedTask;
    }
}
