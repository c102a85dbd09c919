using Coffer.Sip.Core;
using Coffer.Sip.Message;
using Coffer.Sip.Registrar;
using Coffer.Sip.Transactions;

namespace Coffer.Server.Sip;

/// <summary>
/// What the control server does with each request: REGISTER to the registrar, OPTIONS answered with what is served,
/// any other method 405 with Allow (RFC 3261 §8.2.1); the UAS checks of §8.2.2 first.
/// </summary>
public sealed class SipRequestHandler(SipRegistrar registrar)
{
    public const string Allowed = "REGISTER, OPTIONS";

    private readonly UasRequestChecks checks = new([], ["application/sdp"]);

    public async Task<SipResponse?> HandleAsync(SipServerTransaction transaction, string transport, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        if (request.Method == SipMethods.Ack)
        {
            return null;
        }

        if (checks.Check(request) is { } refused)
        {
            return refused;
        }

        switch (request.Method)
        {
            case SipMethods.Register:
                return await registrar.RegisterAsync(request, transaction.Source, transport, cancellationToken);
            case SipMethods.Options:
                var options = SipResponses.Create(request, 200, "OK", "coffer");
                options.Headers.Add(HeaderNames.Allow, Allowed);
                return options;
            default:
                var notAllowed = SipResponses.Create(request, 405, "Method Not Allowed", "coffer");
                notAllowed.Headers.Add(HeaderNames.Allow, Allowed);
                return notAllowed;
        }
    }
}
