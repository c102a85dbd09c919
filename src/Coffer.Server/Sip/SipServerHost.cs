using System.Net;
using Coffer.Sip.Auth;
using Coffer.Sip.Presence;
using Coffer.Sip.Proxy;
using Coffer.Sip.Registrar;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;
using Coffer.Storage;
using Coffer.Sync.Cluster;
using Coffer.Sync.Sip;

namespace Coffer.Server.Sip;

/// <summary>
/// Runs the SIP control server on UDP and TCP at Coffer:Sip:Listen (the same port for both; RFC 3261 §18 requires
/// both for messages that may grow): each request through its transaction layer to <see cref="SipRequestHandler"/>.
/// </summary>
public sealed class SipServerHost(
    SipServerOptions options,
    SipRealm realm,
    ICofferStore store,
    TimeProvider time,
    StoreSipLocationService location,
    SipLoginThrottle throttle,
    Coffer.Sync.SyncServerOptions sync,
    NodeName node,
    PeerSessionTable sessions,
    Coffer.Server.Metrics.TrafficMetrics traffic,
    Coffer.Server.Metrics.SipMetrics metrics,
    ILogger<SipServerHost> logger) : BackgroundService
{
    private readonly TaskCompletionSource<(IPEndPoint Udp, IPEndPoint Tcp)> bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The bound addresses once listening (port 0 in the configuration: the ports chosen).</summary>
    public Task<(IPEndPoint Udp, IPEndPoint Tcp)> Bound => bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            bound.TrySetCanceled(stoppingToken);
            return;
        }

        try
        {
            var key = await ServerKeyAsync(stoppingToken);
            IDigestCredentialStore credentials = new StoreDigestCredentials(store);
            if (options.CredentialCacheLifetime > TimeSpan.Zero)
            {
                credentials = new CachingDigestCredentialStore(credentials, time, options.CredentialCacheLifetime);
            }

            var authenticator = new DigestAuthenticator(realm.Name, new DigestNonces(key, time, options.NonceLifetime), credentials);
            var challengeAlgorithms = options.ChallengeAlgorithms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => DigestHash.Parse(name) ?? throw new InvalidOperationException($"Coffer:Sip:ChallengeAlgorithms: unknown algorithm '{name}'"))
                .ToList();
            var advertised = options.Advertise is { Length: > 0 } advertise ? IPEndPoint.Parse(advertise) : null;
            using var presence = new PresenceNotifier(authenticator, location, throttle, new PresenceOptions
            {
                DefaultExpires = TimeSpan.FromSeconds(options.MaxExpiresSeconds),
                MaxExpires = TimeSpan.FromSeconds(options.MaxExpiresSeconds),
                MinExpires = TimeSpan.FromSeconds(options.MinExpiresSeconds),
                RetryAfter = RetryAfter(sync),
                ChallengeAlgorithms = challengeAlgorithms,
                PollInterval = options.PresencePollInterval,
                Advertised = advertised,
            }, time);
            presence.NotifyFailed += (subscription, e) =>
                logger.LogWarning(e, "SIP presence: NOTIFY to {User} at {Destination} failed", subscription.User, subscription.Destination);
            // The registrar's writes wake the notifier at once; expiries and other nodes' writes are seen by its poll.
            var observed = new ObservedSipLocationService(location, user => _ = presence.DevicesChangedAsync(user, stoppingToken));
            var registrar = new SipRegistrar(authenticator, observed, throttle, new SipRegistrarOptions
            {
                DefaultExpires = TimeSpan.FromSeconds(options.MaxExpiresSeconds),
                MaxExpires = TimeSpan.FromSeconds(options.MaxExpiresSeconds),
                MinExpires = TimeSpan.FromSeconds(options.MinExpiresSeconds),
                RetryAfter = RetryAfter(sync),
                ChallengeAlgorithms = challengeAlgorithms,
                Node = node.Value,
            }, time);
            var handler = new SipRequestHandler(registrar, presence);

            var listen = IPEndPoint.Parse(options.Listen);
            var (udpBound, tcpBound) = await BindAsync(listen);
            await using var udp = udpBound;
            await using var tcp = tcpBound;
            if (options.ReceiveBufferBytes > 0 && udp.ReceiveBufferBytes < options.ReceiveBufferBytes)
            {
                // Linux grants at most net.core.rmem_max (and reports twice what it granted): a burst longer than the
                // buffer is dropped in the kernel and waits for the client's retransmission (docs/sip.md).
                logger.LogWarning(
                    "SIP UDP receive buffer is {Granted} bytes, not the {Requested} configured: raise net.core.rmem_max",
                    udp.ReceiveBufferBytes,
                    options.ReceiveBufferBytes);
            }
            await using var udpLayer = new SipTransactionLayer(udp);
            await using var tcpLayer = new SipTransactionLayer(tcp);
            var proxyOptions = new ProxyOptions { Advertised = advertised };
            var udpProxy = new SipProxy(udpLayer, authenticator, new LocationProxyTargets(location, udp.Protocol), sessions, proxyOptions);
            var tcpProxy = new SipProxy(tcpLayer, authenticator, new LocationProxyTargets(location, tcp.Protocol), sessions, proxyOptions);
            sessions.StartSweeping(TimeSpan.FromMinutes(1));
            presence.StartWatching();
            bound.TrySetResult((udp.LocalEndPoint, tcp.LocalEndPoint));
            logger.LogInformation("SIP control server on udp/tcp {Endpoint}, realm {Realm}", udp.LocalEndPoint, realm.Name);
            await Task.WhenAll(
                ServeAsync(udpLayer, handler, udpProxy, stoppingToken),
                ServeAsync(tcpLayer, handler, tcpProxy, stoppingToken),
                RelayStraysAsync(udpLayer, udpProxy, stoppingToken),
                RelayStraysAsync(tcpLayer, tcpProxy, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            bound.TrySetCanceled(stoppingToken);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // A port taken (another server on this host) must not stop the sync server: SIP stays off, loudly.
            logger.LogError(e, "SIP control server cannot listen on {Listen}; SIP is off", options.Listen);
            bound.TrySetException(e);
        }
    }

    /// <summary>
    /// UDP and TCP on one port (RFC 3261 §18: a server listens on both). With port 0 the TCP twin of the UDP port the
    /// system picked may be taken by another process: then another pair, a few times.
    /// </summary>
    private async Task<(UdpSipTransport Udp, TcpSipTransport Tcp)> BindAsync(IPEndPoint listen)
    {
        for (var attempt = 1; ; attempt++)
        {
            var udp = new UdpSipTransport(listen, traffic: traffic.SipUdp)
            {
                AnswerMalformedRequests = true,
                ReceiveBufferBytes = options.ReceiveBufferBytes,
            };
            try
            {
                return (udp, new TcpSipTransport(new IPEndPoint(listen.Address, udp.LocalEndPoint.Port), traffic: traffic.SipTcp) { AnswerMalformedRequests = true });
            }
            catch (System.Net.Sockets.SocketException e) when (listen.Port == 0 && attempt < 5 && e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                await udp.DisposeAsync();
            }
            catch
            {
                await udp.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>About the time one failed attempt takes to come back (the limiter refills one token per window / allowance).</summary>
    private static TimeSpan RetryAfter(Coffer.Sync.SyncServerOptions sync) =>
        TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(sync.FailedLoginWindow.TotalSeconds / Math.Max(1, sync.FailedLoginsPerAccount))));

    private async Task<byte[]> ServerKeyAsync(CancellationToken ct)
    {
        // One key for every node: a nonce issued by one is checked by another.
        await using var uow = await store.BeginAsync(ct);
        var key = await uow.Secrets.GetOrCreateAsync("sip-digest-nonces", 32, ct);
        await uow.CommitAsync(ct);
        return key;
    }

    private async Task ServeAsync(SipTransactionLayer layer, SipRequestHandler handler, SipProxy proxy, CancellationToken ct)
    {
        await foreach (var transaction in layer.Requests.ReadAllAsync(ct))
        {
            _ = AnswerAsync(transaction, layer, handler, proxy, ct);
        }
    }

    /// <summary>What matches no transaction — the ACK of a 2xx, a retransmitted 2xx — is the proxy's to route (§16.7, §16.12).</summary>
    private async Task RelayStraysAsync(SipTransactionLayer layer, SipProxy proxy, CancellationToken ct)
    {
        await foreach (var stray in layer.Strays.ReadAllAsync(ct))
        {
            try
            {
                await proxy.HandleStrayAsync(stray, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A stray that cannot be routed on is dropped, as §16.11 allows.
                logger.LogDebug(e, "SIP stray from {Source} dropped", stray.Remote);
            }
        }
    }

    private async Task AnswerAsync(SipServerTransaction transaction, SipTransactionLayer layer, SipRequestHandler handler, SipProxy proxy, CancellationToken ct)
    {
        try
        {
            if (await handler.HandleAsync(transaction, layer, proxy, ct) is { } response)
            {
                logger.LogDebug("SIP {Method} from {Protocol} {Source}: {Status}", transaction.Request.Method, layer.Transport.Protocol, transaction.Source, response.StatusCode);
                transaction.Respond(response);
                if (response.StatusCode >= 200)
                {
                    metrics.RequestAnswered(transaction.Request.Method, response.StatusCode, transaction.ReceivedTimestamp);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "SIP {Method} from {Source} failed", transaction.Request.Method, transaction.Source);
            transaction.Respond(SipResponses.Create(transaction.Request, 500, "Server Internal Error", "coffer"));
        }
    }
}
