using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Core;

/// <summary>
/// The checks a UAS makes on a well-formed request before processing it (RFC 3261 §8.2.2.1, §8.2.2.3, §8.2.3):
/// the Request-URI scheme, the Require option tags, the body's Content-Type and Content-Encoding. Returns the
/// error response to send, or null to go on.
/// </summary>
public sealed class UasRequestChecks(IEnumerable<string> supportedOptionTags, IEnumerable<string> acceptedContentTypes)
{
    private readonly HashSet<string> _supported = new(supportedOptionTags, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _accepted = new(acceptedContentTypes, StringComparer.OrdinalIgnoreCase);

    public SipResponse? Check(SipRequest request)
    {
        // §8.2.2.1: a Request-URI whose scheme the UAS does not understand gets 416 (RFC 4475 §3.3.2, §3.3.3).
        if (!request.Uri.IsSip)
        {
            return Transactions.SipResponses.Create(request, 416, "Unsupported URI Scheme", toTag: "uas");
        }
        // §8.2.2.3: unknown option tags in Require get 420 with Unsupported listing them (not for ACK or CANCEL).
        if (request.Method is not (SipMethods.Ack or SipMethods.Cancel))
        {
            var unsupported = request.Headers.Values(HeaderNames.Require).Where(t => t.Length > 0 && !_supported.Contains(t)).ToList();
            if (unsupported.Count > 0)
            {
                var response = Transactions.SipResponses.Create(request, 420, "Bad Extension", toTag: "uas");
                foreach (var tag in unsupported)
                {
                    response.Headers.Add(HeaderNames.Unsupported, tag);
                }
                return response;
            }
        }
        // §8.2.3: a body of a type (or encoding) the UAS cannot read gets 415 with what it accepts.
        if (request.Body.Length > 0 && request.ContentType is { } contentType)
        {
            var (type, subtype, _) = HeaderValueParser.ParseMediaType(contentType);
            if (!_accepted.Contains($"{type}/{subtype}") || request.Headers.Values(HeaderNames.ContentEncoding).Any(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)))
            {
                var response = Transactions.SipResponses.Create(request, 415, "Unsupported Media Type", toTag: "uas");
                response.Headers.Add(HeaderNames.Accept, string.Join(", ", _accepted));
                return response;
            }
        }
        return null;
    }
}
