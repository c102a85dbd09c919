using Coffer.Sip.Message;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Session;

/// <summary>
/// What a callee checks in an INVITE's offer before ringing: a body of another type (SDP, none) gets 415 with
/// Accept (RFC 3261 §21.4.13); a body of our type that is not valid gets 400 with a Warning 399 saying why (the
/// request is malformed, §21.4.1); a valid offer the callee cannot serve (an answer instead of an offer, a data type
/// or protocol it does not offer) gets 488 (§21.4.26).
/// </summary>
public sealed class SessionOfferCheck(Func<SessionDescription, bool> acceptable, string warnAgent = "coffer")
{
    public SessionOfferResult Check(SipRequest invite, string toTag)
    {
        if (!SessionDescriptionBody.HasContentType(invite) || invite.Body.Length == 0)
        {
            var unsupported = SipResponses.Create(invite, 415, "Unsupported Media Type", toTag);
            unsupported.Headers.Add(HeaderNames.Accept, SessionDescriptionBody.ContentType);
            return new SessionOfferResult(null, unsupported);
        }
        SessionDescription offer;
        try
        {
            offer = SessionDescriptionXml.Parse(invite.Body);
        }
        catch (SessionDescriptionException e)
        {
            var bad = SipResponses.Create(invite, 400, "Invalid Session Description", toTag);
            bad.Headers.Add("Warning", $"399 {warnAgent} {Quoted(e.Message)}");
            return new SessionOfferResult(null, bad);
        }
        if (offer.IsAnswer || !acceptable(offer))
        {
            return new SessionOfferResult(offer, SipResponses.Create(invite, 488, "Not Acceptable Here", toTag));
        }
        return new SessionOfferResult(offer, null);
    }

    private static string Quoted(string text)
    {
        var clean = new string(text.Where(c => c >= ' ' && c != '\x7f').ToArray());
        return "\"" + clean.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
