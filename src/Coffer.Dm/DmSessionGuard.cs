using System.Globalization;
using Coffer.Storage;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.Dm;

namespace Coffer.Dm;

/// <summary>
/// Checks a message of a running session (posted to its RespURI) before any of its commands runs. The RespURI token
/// (256 random bits, bound to the device's session row) says which session it claims; the message must also be the
/// session's own: the same SessionID, Source (DevId and client name) and Target as package 1
/// (OMA-TS-DM_Protocol-V1_2 §8.2, §9.1: the SyncHdr of every message of a session names them alike). In an HMAC
/// session every message carries <c>x-syncml-hmac</c> over the nonce of the server's last reply
/// (OMA-TS-DM_Security-V1_2 §5.5.2); one without, or with a wrong MAC, ends the session.
/// </summary>
internal sealed class DmSessionGuard(IDmLoginThrottle throttle)
{
    /// <summary>Null when the message may go on; else the header Status code to refuse it with.</summary>
    public static int? Mismatch(DmSessionState state, SyncHdr header)
    {
        if (state.Phase == DmPhase.Ended ||
            !string.Equals(header.Source?.LocURI, state.DevId, StringComparison.Ordinal) ||
            (header.Source?.LocName is { } name && !string.Equals(name, state.ClientName, StringComparison.Ordinal)) ||
            !string.Equals(header.SessionID ?? string.Empty, state.ClientSessionId, StringComparison.Ordinal) ||
            !string.Equals(header.Target?.LocURI ?? state.ServerUrl, state.ServerUrl, StringComparison.Ordinal))
        {
            return StatusCode.InvalidCredentials;
        }

        return null;
    }

    /// <summary>
    /// Whether a package 1 that answers a package 0 (Alert 1200) names the SessionID that package 0 carried
    /// (OMA-TS-DM_Notification-V1_2 §6.2.7 "session-id": the client uses it in the session it starts; OMA-TS-DM_Protocol-V1_2
    /// §8.3): the 16-bit number, in decimal or in hexadecimal. A package 1 of a client-initiated session (Alert 1201) holds.
    /// </summary>
    public static bool AnswersNotification(DmAccount account, SyncMLMessage message)
    {
        if (!message.Body.Commands.OfType<AlertCommand>().Any(a => a.Code == DmAlertCode.ServerInitiatedMgmt))
        {
            return true;
        }

        var id = message.Header.SessionID ?? string.Empty;
        return account.NotifiedSession is { } notified &&
            (id == notified.ToString(CultureInfo.InvariantCulture) || string.Equals(id, notified.ToString("X4", CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the message's MAC is good; always true in an auth-md5 session. A failure counts against the client's name.</summary>
    public bool MacHolds(DmSessionState state, DmAccount account, DmRequest request)
    {
        if (!state.Hmac)
        {
            return true;
        }

        var good = request.Hmac is { } hmac &&
            string.Equals(hmac.Username, state.ClientName, StringComparison.Ordinal) &&
            DmHmac.Verify(hmac, account.ClientCredentialHash, Md5Auth.DecodeNonce(account.ServerNonce), request.Body.Span);
        if (!good)
        {
            throttle.Failed(state.ClientName, request.RemoteAddress);
        }

        return good;
    }
}
