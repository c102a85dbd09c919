using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18): listens on a configured address and port, frames each connection by
/// Content-Length, and sends to a remote over the connection it came from (§18.2.2) or a new one (§18.1.1).
/// </summary>
public sealed class TcpSipTransport : ISipTransport
{
    private readonly TcpListener _listener;
    private readonly InboundDispatcher _inbound;
    private readonly ConcurrentDictionary<IPEndPoint, Connection> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly int _maxMessageSize;

    /// <param name="traffic">Where the bytes received and sent are counted (default a counter of its own).</param>
    public TcpSipTransport(IPEndPoint bind, SipCompliance compliance = SipCompliance.Loose, int maxMessageSize = 65536, SipTrafficCounter? traffic = null)
    {
        Traffic = traffic ?? new SipTrafficCounter();
        _maxMessageSize = maxMessageSize;
        _listener = new TcpListener(bind);
        _listener.Start();
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _inbound = new InboundDispatcher(this, new SipMessageParser(compliance));
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string Protocol => "TCP";
    public bool IsReliable => true;
    public IPEndPoint LocalEndPoint { get; }
    public ChannelReader<SipInboundMessage> Incoming => _inbound.Reader;
    public long Malformed => _inbound.Malformed;

    /// <summary>The stream bytes read and written on every connection.</summary>
    public SipTrafficCounter Traffic { get; }

    /// <summary>
    /// Answer a request that does not parse, statelessly, with the 400 or 505 of its parse error when its Via, From,
    /// To, Call-ID and CSeq can still be read (RFC 3261 §8.2.2, RFC 4475 §3; <see cref="MalformedRequestAnswer"/>);
    /// otherwise, or when false, it is only counted in <see cref="Malformed"/> and dropped.
    /// </summary>
    public bool AnswerMalformedRequests
    {
        get => _inbound.AnswerMalformed;
        init => _inbound.AnswerMalformed = value;
    }

    /// <summary>Open connections, accepted or made.</summary>
    public int ConnectionCount => _connections.Count;

    public Task SendAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken = default) =>
        SendBytesAsync(SipMessageSerializer.Serialize(message), destination, cancellationToken);

    public async Task SendBytesAsync(byte[] bytes, IPEndPoint destination, CancellationToken cancellationToken = default)
    {
        if (!_connections.TryGetValue(destination, out var connection))
        {
            var client = new TcpClient(destination.AddressFamily);
            await client.ConnectAsync(destination, cancellationToken);
            connection = Track(client, destination);
        }
        Traffic.AddSent(bytes.Length);
        await connection.SendAsync(bytes, cancellationToken);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                break;
            }
            Track(client, (IPEndPoint)client.Client.RemoteEndPoint!);
        }
    }

    private Connection Track(TcpClient client, IPEndPoint remote)
    {
        var connection = new Connection(client);
        _connections[remote] = connection;
        _ = Task.Run(() => ReadLoopAsync(connection, remote));
        return connection;
    }

    private async Task ReadLoopAsync(Connection connection, IPEndPoint remote)
    {
        var framer = new SipStreamFramer(_maxMessageSize);
        var buffer = new byte[8192];
        try
        {
            var stream = connection.Client.GetStream();
            while (!_stop.IsCancellationRequested)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }
                Traffic.AddReceived(read);
                framer.Append(buffer.AsSpan(0, read));
                while (framer.Next() is { } frame)
                {
                    _inbound.Deliver(frame, remote);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        catch (SipParseException)
        {
            // A stream that cannot be framed cannot be resynchronized: the connection is closed.
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<IPEndPoint, Connection>(remote, connection));
            connection.Client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (ObjectDisposedException)
        {
        }
        foreach (var connection in _connections.Values)
        {
            connection.Client.Dispose();
        }
        _inbound.Complete();
        _stop.Dispose();
    }

    private sealed class Connection(TcpClient client)
    {
        private readonly SemaphoreSlim _writeLock = new(1, 1);

        public TcpClient Client { get; } = client;

        public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await Client.GetStream().WriteAsync(bytes, cancellationToken);
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }
}
