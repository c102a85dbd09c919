using Coffer.Sip.Message;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Tests.Proxy;

/// <summary>An INVITE the caller sent (after answering the proxy's challenge, if there was one).</summary>
public sealed record OutgoingCall(SipRequest Invite, SipClientTransaction Transaction, SipResponse? Challenge)
{
    /// <summary>The next response other than 100 Trying.</summary>
    public async Task<SipResponse> NextAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await Transaction.Responses.ReadAsync(guard.Token);
            if (response.StatusCode != 100)
            {
                return response;
            }
        }
    }

    public async Task<SipResponse> FinalAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Transaction.FinalResponse.WaitAsync(guard.Token);
    }
}
