namespace Coffer.Sip.Auth;

public sealed record DigestResult(DigestOutcome Outcome, string? Username = null, string? Reason = null)
{
    public bool IsAuthenticated => Outcome == DigestOutcome.Authenticated;
}
