using Coffer.Sip.Message;

namespace Coffer.Sip.Transactions;

/// <summary>How messages are matched to transactions (RFC 3261 §17.1.3, §17.2.3).</summary>
internal static class SipTransactionKey
{
    /// <summary>§17.1.3: the top Via branch and the CSeq method.</summary>
    public static string? Client(SipResponse response) =>
        response.TopVia?.Branch is { } branch && response.CSeq is { } cseq ? $"{branch}|{cseq.Method}" : null;

    public static string Client(SipRequest request) => $"{request.TopVia!.Branch}|{request.Method}";

    /// <summary>
    /// §17.2.3: branch, sent-by and method, an ACK matching its INVITE. Only RFC 3261 branches (magic cookie) are
    /// matched; RFC 2543 requests (no cookie) each start a transaction of their own.
    /// </summary>
    public static string? Server(SipRequest request)
    {
        var via = request.TopVia;
        if (via is null || !via.HasRfc3261Branch)
        {
            return null;
        }
        var method = request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method;
        return $"{via.Branch}|{via.Host}:{via.Port}|{method}";
    }
}
