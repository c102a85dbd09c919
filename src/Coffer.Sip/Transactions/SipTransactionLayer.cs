using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Coffer.Sip.Message;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Transactions;

/// <summary>
/// The transaction layer over one transport (RFC 3261 §17): matches responses to client transactions and
/// requests to server transactions, creates server transactions for new requests and hands them to the TU, and
/// passes up what belongs to no transaction (the ACK of a 2xx, a 2xx retransmitted after its transaction ended).
/// </summary>
public sealed class SipTransactionLayer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SipClientTransaction> _clients = new();
    private readonly ConcurrentDictionary<string, SipServerTransaction> _servers = new();
    private readonly Channel<SipServerTransaction> _requests = Channel.CreateUnbounded<SipServerTransaction>();
    private readonly Channel<SipInboundMessage> _strays = Channel.CreateUnbounded<SipInboundMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly CompletedServerTransactions _completed;

    public SipTransactionLayer(ISipTransport transport, TimeProvider? time = null, SipTimers? timers = null)
    {
        Transport = transport;
        Time = time ?? TimeProvider.System;
        Timers = timers ?? new SipTimers();
        _completed = new CompletedServerTransactions(Time);
        _loop = Task.Run(ReceiveLoopAsync);
    }

    public ISipTransport Transport { get; }
    public TimeProvider Time { get; }
    public SipTimers Timers { get; }

    /// <summary>A server transaction per new request (ACK excepted), for the TU to answer.</summary>
    public ChannelReader<SipServerTransaction> Requests => _requests.Reader;

    /// <summary>Messages that match no transaction: ACKs of 2xx responses, late 2xx retransmissions.</summary>
    public ChannelReader<SipInboundMessage> Strays => _strays.Reader;

    public int ActiveTransactions => _clients.Count + _servers.Count + _completed.Count;

    /// <summary>Messages taken from the transport and dispatched (lets tests wait for a quiet network).</summary>
    internal long Handled => Interlocked.Read(ref _handled);

    private long _handled;

    /// <summary>A new branch: the magic cookie and 64 random bits (§8.1.1.7: unique across space and time).</summary>
    public static string NewBranch() => SipVia.MagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Starts a client transaction for a request whose top Via carries a branch of its own.</summary>
    public SipClientTransaction Send(SipRequest request, IPEndPoint destination)
    {
        if (request.Method == SipMethods.Ack)
        {
            throw new ArgumentException("an ACK is sent by the TU (2xx) or by the INVITE transaction (3xx-6xx)", nameof(request));
        }
        if (request.TopVia is not { HasRfc3261Branch: true })
        {
            throw new ArgumentException("the top Via needs an RFC 3261 branch", nameof(request));
        }
        SipClientTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteClientTransaction(this, request, destination)
            : new NonInviteClientTransaction(this, request, destination);
        if (!_clients.TryAdd(transaction.Key, transaction))
        {
            throw new InvalidOperationException($"a client transaction {transaction.Key} is already running");
        }
        transaction.Start();
        return transaction;
    }

    /// <summary>Sends outside any transaction: the ACK of a 2xx, a 2xx forwarded statelessly.</summary>
    public Task SendStatelessAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken = default) =>
        Transport.SendAsync(message, destination, cancellationToken);

    /// <summary>Keeps a completed non-INVITE server transaction's key and response until timer J (§17.2.2).</summary>
    internal void Retain(CompletedServerTransaction completed, TimeSpan j) => _completed.Add(completed, j);

    internal void Remove(SipTransaction transaction)
    {
        switch (transaction)
        {
            case SipClientTransaction client:
                _clients.TryRemove(new KeyValuePair<string, SipClientTransaction>(client.Key, client));
                break;
            case SipServerTransaction server:
                _servers.TryRemove(new KeyValuePair<string, SipServerTransaction>(server.Key, server));
                break;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            await foreach (var inbound in Transport.Incoming.ReadAllAsync(_stop.Token))
            {
                Dispatch(inbound);
                Interlocked.Increment(ref _handled);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Dispatch(SipInboundMessage inbound)
    {
        switch (inbound.Message)
        {
            case SipResponse response:
                if (SipTransactionKey.Client(response) is { } clientKey && _clients.TryGetValue(clientKey, out var client))
                {
                    client.Receive(response);
                }
                else
                {
                    _strays.Writer.TryWrite(inbound);
                }
                break;
            case SipRequest request:
                var key = SipTransactionKey.Server(request);
                if (key is not null && _servers.TryGetValue(key, out var existing))
                {
                    existing.ReceiveRetransmission(request);
                }
                else if (key is not null && _completed.TryGet(key, out var completed))
                {
                    // §17.2.2: a retransmission in the Completed state gets the final response again.
                    Resend(completed);
                }
                else if (request.Method == SipMethods.Ack)
                {
                    _strays.Writer.TryWrite(inbound);
                }
                else
                {
                    // RFC 2543 requests (no magic cookie) are not matched: each one is new to the layer.
                    key ??= "rfc2543|" + Guid.NewGuid().ToString("N");
                    SipServerTransaction server = request.Method == SipMethods.Invite
                        ? new InviteServerTransaction(this, key, inbound)
                        : new NonInviteServerTransaction(this, key, inbound);
                    if (_servers.TryAdd(key, server))
                    {
                        server.Start();
                        _requests.Writer.TryWrite(server);
                    }
                }
                break;
        }
    }

    private void Resend(CompletedServerTransaction completed)
    {
        var sending = Transport.SendBytesAsync(completed.Response, completed.Remote);
        if (!sending.IsCompletedSuccessfully)
        {
            // Best effort, as the first send: the client retransmits again or times out (§17.1.2.2).
            _ = sending.ContinueWith(t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _requests.Writer.TryComplete();
        _strays.Writer.TryComplete();
        _completed.Dispose();
        _stop.Dispose();
    }
}
