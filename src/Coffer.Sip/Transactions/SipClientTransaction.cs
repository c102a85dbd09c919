using System.Net;
using System.Threading.Channels;
using Coffer.Sip.Message;

namespace Coffer.Sip.Transactions;

/// <summary>
/// A client transaction: sends a request, passes every response up, and ends with a final response — a received
/// one, or 408 on timeout and 503 on a transport error, as the TU must treat those (§8.1.3.1).
/// </summary>
public abstract class SipClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<SipResponse> _responses = Channel.CreateUnbounded<SipResponse>();

    private protected SipClientTransaction(SipTransactionLayer layer, SipRequest request, IPEndPoint destination, SipTransactionState initial)
        : base(layer, SipTransactionKey.Client(request), destination, initial)
    {
        Request = request;
    }

    public SipRequest Request { get; }

    /// <summary>Every response passed to the TU, provisional ones included.</summary>
    public ChannelReader<SipResponse> Responses => _responses.Reader;

    public Task<SipResponse> FinalResponse => _final.Task;

    internal abstract void Start();

    internal abstract void Receive(SipResponse response);

    private protected void PassUp(SipResponse response)
    {
        _responses.Writer.TryWrite(response);
        if (response.StatusCode >= 200)
        {
            _final.TrySetResult(response);
        }
    }

    /// <summary>A response the transaction makes itself (408 Request Timeout, 503 Service Unavailable).</summary>
    private protected void Synthesize(int status, string reason)
    {
        var response = SipResponses.Create(Request, status, reason);
        PassUp(response);
    }

    private protected override void OnTerminated()
    {
        _final.TrySetResult(SipResponses.Create(Request, 408, "Request Timeout"));
        _responses.Writer.TryComplete();
    }

    private protected override void OnTransportError(Exception error)
    {
        lock (Gate)
        {
            Synthesize(503, "Service Unavailable");
        }
        base.OnTransportError(error);
    }
}
