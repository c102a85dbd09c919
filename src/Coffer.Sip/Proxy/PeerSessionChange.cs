namespace Coffer.Sip.Proxy;

/// <summary>
/// A change of the session table for observers (administration, metrics): a session began, changed state, or ended
/// (<see cref="Outcome"/> set, with the final status of the INVITE when it failed).
/// </summary>
public sealed record PeerSessionChange(PeerSession Session, PeerSessionOutcome? Outcome = null, int? Status = null)
{
    public bool Ended => Outcome is not null;
}
