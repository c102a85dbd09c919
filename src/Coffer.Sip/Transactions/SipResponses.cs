using Coffer.Sip.Message;

namespace Coffer.Sip.Transactions;

/// <summary>Builds responses and the ACK of a non-2xx final response.</summary>
public static class SipResponses
{
    /// <summary>
    /// §8.2.6.2: a response copies the request's Via (in order), From, To, Call-ID and CSeq; a To tag is added
    /// (except to 100 Trying) when the request had none.
    /// </summary>
    public static SipResponse Create(SipRequest request, int status, string reason, string? toTag = null)
    {
        var response = new SipResponse { StatusCode = status, ReasonPhrase = reason };
        foreach (var header in request.Headers)
        {
            if (header.Name is HeaderNames.Via or HeaderNames.From or HeaderNames.CallId or HeaderNames.CSeq)
            {
                response.Headers.Add(header);
            }
            else if (header.Name == HeaderNames.To)
            {
                var to = request.To!;
                if (to.Tag is null && status > 100 && toTag is not null)
                {
                    to.Tag = toTag;
                    response.Headers.Add(HeaderNames.To, to.ToString());
                }
                else
                {
                    response.Headers.Add(header);
                }
            }
        }
        return response;
    }

    /// <summary>
    /// §17.1.1.3: the ACK for a 3xx–6xx response to an INVITE: the INVITE's Request-URI, Call-ID, From, top Via
    /// and Route header fields, the response's To (with its tag), and the CSeq number with method ACK.
    /// </summary>
    public static SipRequest Ack(SipRequest invite, SipResponse response)
    {
        var ack = new SipRequest { Method = SipMethods.Ack, Uri = invite.Uri };
        ack.Headers.Add(HeaderNames.Via, invite.Headers.First(HeaderNames.Via)!);
        ack.Headers.Add(HeaderNames.MaxForwards, "70");
        ack.Headers.Add(HeaderNames.From, invite.Headers.First(HeaderNames.From)!);
        ack.Headers.Add(HeaderNames.To, response.Headers.First(HeaderNames.To)!);
        ack.Headers.Add(HeaderNames.CallId, invite.CallId!);
        ack.Headers.Add(HeaderNames.CSeq, new SipCSeq(invite.CSeq!.Number, SipMethods.Ack).ToString());
        foreach (var route in invite.Headers.Values(HeaderNames.Route))
        {
            ack.Headers.Add(HeaderNames.Route, route);
        }
        return ack;
    }
}
