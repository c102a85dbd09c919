using Coffer.Sip.Message;

namespace Coffer.Sip.Session;

/// <summary>The offer read from an INVITE, and the error response to send instead of ringing, if any.</summary>
public sealed record SessionOfferResult(SessionDescription? Offer, SipResponse? Error)
{
    public bool Accepted => Error is null;
}
