namespace Coffer.Sip.Proxy;

/// <summary>Counts for the admin pages and metrics: sessions in the table per state, and sessions ended per outcome since start.</summary>
public sealed record PeerSessionCounts(
    int Active,
    IReadOnlyDictionary<PeerSessionState, int> ByState,
    long Started,
    IReadOnlyDictionary<PeerSessionOutcome, long> Ended);
