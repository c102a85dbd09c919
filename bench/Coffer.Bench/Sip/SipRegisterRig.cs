using System.Net;
using System.Text;
using Coffer.Sip.Auth;
using Coffer.Sip.Location;
using Coffer.Sip.Registrar;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;

namespace Coffer.Bench.Sip;

/// <summary>
/// The registrar behind its transaction layer and transport on an in-memory network, as the server runs it over UDP;
/// the client side is bytes only (a request carried to the server, the response caught on the network), so what is
/// measured is the server's work: parse, transaction, digest, location, serialize.
/// </summary>
internal sealed class SipRegisterRig : IAsyncDisposable
{
    public const string Password = "s3cret-of-sipp";
    private static readonly IPEndPoint Server = new(IPAddress.Loopback, 5060);
    private static readonly IPEndPoint Client = new(IPAddress.Parse("127.0.0.2"), 5062);

    private readonly InMemorySipNetwork _network = new();
    private readonly InMemorySipTransport _transport;
    private readonly SipTransactionLayer _layer;
    private readonly SipRegistrar _registrar;
    private readonly Task _serving;
    private TaskCompletionSource<byte[]> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _calls;

    public SipRegisterRig(int users)
    {
        var credentials = new BenchCredentials();
        for (var i = 1; i <= users; i++)
        {
            credentials.Add(User(i), "coffer", Password);
        }
        var authenticator = new DigestAuthenticator("coffer",
            new DigestNonces(Encoding.UTF8.GetBytes("a server key of thirty-two bytes"), TimeProvider.System, TimeSpan.FromMinutes(5)), credentials);
        _registrar = new SipRegistrar(authenticator, new InMemorySipLocationService(TimeProvider.System), new OpenThrottle(),
            new SipRegistrarOptions { ChallengeAlgorithms = [DigestAlgorithm.Md5], Node = "bench" }, TimeProvider.System);
        _transport = _network.Attach(Server);
        _layer = new SipTransactionLayer(_transport);
        // Every response the server sends is caught here and lost to the network (nobody listens at the client).
        _network.Drop = (bytes, source, _) =>
        {
            if (!source.Equals(Server))
            {
                return false;
            }
            _response.TrySetResult(bytes);
            return true;
        };
        _serving = Task.Run(ServeAsync);
    }

    public static string User(int i) => $"sip{i:D5}";

    /// <summary>One REGISTER (new branch, the given Call-ID and CSeq) in, its response's bytes out.</summary>
    public Task<byte[]> SendAsync(string user, string callId, int cseq, string? authorization)
    {
        var branch = "z9hG4bK-bench-" + Interlocked.Increment(ref _calls);
        var text = $"REGISTER sip:127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5062;branch={branch};rport\r\nMax-Forwards: 70\r\n" +
            $"From: <sip:{user}@127.0.0.1>;tag=1-{callId}\r\nTo: <sip:{user}@127.0.0.1>\r\nCall-ID: {callId}@127.0.0.2\r\nCSeq: {cseq} REGISTER\r\n" +
            $"Contact: <sip:{user}@127.0.0.2:5062>\r\n" + (authorization is null ? "" : $"Authorization: {authorization}\r\n") +
            "Expires: 60\r\nUser-Agent: SIPp\r\nContent-Length: 0\r\n\r\n";
        _response = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var response = _response.Task;
        _network.Carry(Encoding.UTF8.GetBytes(text), Client, Server);
        return _transport.Malformed == 0 ? response : throw new InvalidOperationException("the server did not parse: " + text);
    }

    private async Task ServeAsync()
    {
        await foreach (var transaction in _layer.Requests.ReadAllAsync())
        {
            transaction.Respond(await _registrar.RegisterAsync(transaction.Request, transaction.Source, "UDP"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _layer.DisposeAsync();
        await _transport.DisposeAsync();
        await _serving;
    }
}
