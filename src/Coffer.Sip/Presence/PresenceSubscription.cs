using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Presence;

/// <summary>
/// One subscription (RFC 6665 §4.2): the dialog it created (Call-ID and both tags), whom to notify and where, until
/// when, and what the last NOTIFY said. NOTIFYs of one subscription go out one at a time, in CSeq order.
/// </summary>
public sealed class PresenceSubscription
{
    private uint _cseq;

    internal PresenceSubscription(string user, SipRequest subscribe, string localTag, IPEndPoint destination, SipTransactionLayer layer)
    {
        User = user;
        CallId = subscribe.CallId!;
        RemoteTag = subscribe.From?.Tag ?? string.Empty;
        LocalTag = localTag;
        Event = subscribe.Headers.First(HeaderNames.Event)!;
        var from = subscribe.To!;
        from.Tag = localTag;
        LocalAddress = from.ToString();
        RemoteAddress = subscribe.Headers.First(HeaderNames.From)!;
        RemoteTarget = subscribe.Contacts[0].Uri;
        Destination = destination;
        Layer = layer;
    }

    public string User { get; }

    public string CallId { get; }

    /// <summary>The subscriber's tag (its From tag).</summary>
    public string RemoteTag { get; }

    /// <summary>Our tag (the To tag of our 200, the From tag of our NOTIFYs).</summary>
    public string LocalTag { get; }

    /// <summary>The SUBSCRIBE's Event value, id parameter included: each NOTIFY carries it (RFC 6665 §8.2.1).</summary>
    public string Event { get; }

    /// <summary>Our From in NOTIFYs: the SUBSCRIBE's To with our tag (RFC 3261 §12.1.1).</summary>
    public string LocalAddress { get; }

    /// <summary>Our To in NOTIFYs: the SUBSCRIBE's From.</summary>
    public string RemoteAddress { get; }

    /// <summary>The subscriber's Contact: the Request-URI of our NOTIFYs (§12.1.1).</summary>
    public SipUri RemoteTarget { get; }

    /// <summary>Where the SUBSCRIBE came from (RFC 3581: reachable through a NAT), on <see cref="Layer"/>'s transport.</summary>
    public IPEndPoint Destination { get; }

    internal SipTransactionLayer Layer { get; }

    public DateTimeOffset ExpiresAt { get; internal set; }

    /// <summary>The device list the last NOTIFY carried (null before the first).</summary>
    internal string? LastList { get; set; }

    internal SemaphoreSlim Sending { get; } = new(1, 1);

    internal bool Ended { get; set; }

    internal uint NextCSeq() => Interlocked.Increment(ref _cseq);

    internal static string Key(string callId, string remoteTag, string localTag) => $"{callId}\n{remoteTag}\n{localTag}";

    internal string Key() => Key(CallId, RemoteTag, LocalTag);
}
