using System.Net;
using System.Text;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sip.Tests.Transactions;

/// <summary>A client and a server transaction layer on an in-memory network, in simulated time.</summary>
internal sealed class TransactionPair : IAsyncDisposable
{
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.1"), 5060);
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.2"), 5060);

    public TransactionPair(bool reliable = false)
    {
        ClientTransport = Network.Attach(ClientAddress, reliable);
        ServerTransport = Network.Attach(ServerAddress, reliable);
        Client = new SipTransactionLayer(ClientTransport, Time);
        Server = new SipTransactionLayer(ServerTransport, Time);
    }

    public FakeTimeProvider Time { get; } = new();
    public InMemorySipNetwork Network { get; } = new();
    public InMemorySipTransport ClientTransport { get; }
    public InMemorySipTransport ServerTransport { get; }
    public SipTransactionLayer Client { get; }
    public SipTransactionLayer Server { get; }

    /// <summary>Messages the client sent to the server so far, and the server to the client.</summary>
    public List<string> ToServer { get; } = [];
    public List<string> ToClient { get; } = [];

    /// <summary>Loses the messages whose start line begins with the prefix, in the given direction.</summary>
    public void Lose(Func<string, bool> toServer, Func<string, bool> toClient) =>
        Network.Drop = (bytes, _, destination) =>
        {
            var startLine = Encoding.UTF8.GetString(bytes).Split("\r\n")[0];
            var toSrv = destination.Equals(ServerAddress);
            (toSrv ? ToServer : ToClient).Add(startLine);
            return toSrv ? toServer(startLine) : toClient(startLine);
        };

    public void Record() => Lose(_ => false, _ => false);

    public static SipRequest Request(string method, string? branch = null) =>
        (SipRequest)new SipMessageParser().Parse(Encoding.UTF8.GetBytes(
            $"{method} sip:bob@10.0.0.2 SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 10.0.0.1:5060;branch={branch ?? SipTransactionLayer.NewBranch()}\r\n" +
            "From: <sip:alice@10.0.0.2>;tag=a\r\nTo: <sip:bob@10.0.0.2>\r\nCall-ID: t@10.0.0.1\r\n" +
            $"CSeq: 1 {method}\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"));

    /// <summary>Waits until both layers have dispatched every message the network delivered (and what that caused).</summary>
    public async Task Settle()
    {
        // The guard only stops a hang; nothing here depends on how long the layers take.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Client.Handled + Server.Handled + ClientTransport.Malformed + ServerTransport.Malformed < Network.Delivered)
        {
            await Task.Delay(1, guard.Token);
        }
    }

    /// <summary>Advances simulated time in small steps, letting messages flow between the steps.</summary>
    public async Task Advance(TimeSpan total, TimeSpan? step = null)
    {
        var by = step ?? TimeSpan.FromMilliseconds(250);
        for (var t = TimeSpan.Zero; t < total; t += by)
        {
            Time.Advance(by);
            await Settle();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        await ClientTransport.DisposeAsync();
        await ServerTransport.DisposeAsync();
    }
}
