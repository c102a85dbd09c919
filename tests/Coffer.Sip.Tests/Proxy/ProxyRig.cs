using System.Net;
using System.Text;
using System.Threading.Channels;
using Coffer.Sip.Auth;
using Coffer.Sip.Proxy;
using Coffer.Sip.Tests.Auth;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sip.Tests.Proxy;

/// <summary>
/// A caller, the proxy and a callee, each on its own transport and transaction layer: on the in-memory network in
/// simulated time, or on UDP or TCP sockets on 127.0.0.1 (proxy), 127.0.0.2 (caller) and 127.0.0.3 (callee).
/// </summary>
internal sealed class ProxyRig : IAsyncDisposable
{
    public const string User = "alice";
    public const string Password = "s3cret";
    public const string CallerDevice = "laptop";
    public const string CalleeDevice = "phone";

    private readonly ISipTransport[] _transports;
    private readonly SipTransactionLayer[] _layers;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _proxyRun;

    private ProxyRig(ISipTransport proxy, ISipTransport caller, ISipTransport callee, TimeProvider time, CalleeMode mode, ProxyOptions? options, InMemorySipNetwork? network)
    {
        Time = time;
        Network = network;
        _transports = [proxy, caller, callee];
        ProxyLayer = new SipTransactionLayer(proxy, time);
        CallerLayer = new SipTransactionLayer(caller, time);
        CalleeLayer = new SipTransactionLayer(callee, time);
        _layers = [ProxyLayer, CallerLayer, CalleeLayer];
        var authenticator = new DigestAuthenticator("coffer",
            new DigestNonces(Encoding.UTF8.GetBytes("a server key of thirty-two bytes"), time, TimeSpan.FromMinutes(5)),
            Accounts);
        Sessions = new PeerSessionTable(time, TimeSpan.FromHours(1));
        Sessions.Changed += (_, change) => Changes.Writer.TryWrite(change);
        Proxy = new SipProxy(ProxyLayer, authenticator, Targets, Sessions, options);
        Targets.Add(User, CalleeDevice, callee.LocalEndPoint);
        Caller = new CallerAgent(CallerLayer, proxy.LocalEndPoint, User, Password, CallerDevice);
        Callee = new CalleeAgent(CalleeLayer, mode);
        _proxyRun = Proxy.RunAsync(_stop.Token);
    }

    public TimeProvider Time { get; }
    public FakeTimeProvider? FakeTime => Time as FakeTimeProvider;
    public InMemorySipNetwork? Network { get; }
    public Ha1Accounts Accounts { get; } = new Ha1Accounts().Add(User, "coffer", Password);
    public TargetTable Targets { get; } = new();
    public SipTransactionLayer ProxyLayer { get; }
    public SipTransactionLayer CallerLayer { get; }
    public SipTransactionLayer CalleeLayer { get; }
    public PeerSessionTable Sessions { get; }
    public SipProxy Proxy { get; }
    public CallerAgent Caller { get; }
    public CalleeAgent Callee { get; }
    public Channel<PeerSessionChange> Changes { get; } = Channel.CreateUnbounded<PeerSessionChange>();

    public static readonly IPEndPoint ProxyAddress = new(IPAddress.Parse("10.0.0.1"), 5060);
    public static readonly IPEndPoint CallerAddress = new(IPAddress.Parse("10.0.0.2"), 5060);
    public static readonly IPEndPoint CalleeAddress = new(IPAddress.Parse("10.0.0.3"), 5060);

    public static ProxyRig InMemory(CalleeMode mode = CalleeMode.Answer, ProxyOptions? options = null, IPEndPoint? callerAddress = null, IPEndPoint? proxyAddress = null)
    {
        var network = new InMemorySipNetwork();
        return new ProxyRig(network.Attach(proxyAddress ?? ProxyAddress), network.Attach(callerAddress ?? CallerAddress),
            network.Attach(CalleeAddress), new FakeTimeProvider(), mode, options, network);
    }

    public static ProxyRig Sockets(Func<IPEndPoint, ISipTransport> bind, CalleeMode mode = CalleeMode.Answer) =>
        new(bind(new IPEndPoint(IPAddress.Loopback, 0)), bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0)),
            bind(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0)), TimeProvider.System, mode, null, null);

    /// <summary>"memory", "udp" or "tcp".</summary>
    public static ProxyRig Create(string network, CalleeMode mode = CalleeMode.Answer) => network switch
    {
        "udp" => Sockets(a => new UdpSipTransport(a), mode),
        "tcp" => Sockets(a => new TcpSipTransport(a), mode),
        _ => InMemory(mode),
    };

    /// <summary>The next change of the session table.</summary>
    public async Task<PeerSessionChange> NextChangeAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Changes.Reader.ReadAsync(guard.Token);
    }

    /// <summary>Reads changes until a session ends, and returns that one.</summary>
    public async Task<PeerSessionChange> EndedAsync()
    {
        while (true)
        {
            var change = await NextChangeAsync();
            if (change.Ended)
            {
                return change;
            }
        }
    }

    /// <summary>
    /// Advances simulated time step by step until the task completes (a timer started a moment after the test looked
    /// still fires); the bound only stops a test that would never end.
    /// </summary>
    public async Task<T> AdvanceUntilAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            FakeTime!.Advance(step);
            await SettleAsync();
            await Task.Yield();
        }
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await task.WaitAsync(guard.Token);
    }

    /// <summary>Waits until every layer has dispatched what the network delivered.</summary>
    public async Task SettleAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_layers.Sum(l => l.Handled) + _transports.Sum(t => t.Malformed) < Network!.Delivered)
        {
            await Task.Delay(1, guard.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _proxyRun.ContinueWith(_ => { }, TaskScheduler.Default);
        await Callee.DisposeAsync();
        foreach (var layer in _layers)
        {
            await layer.DisposeAsync();
        }
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }
        Sessions.Dispose();
        _stop.Dispose();
    }
}
