using System.Collections.Concurrent;
using System.Net;
using Coffer.Agent.Consent;
using Coffer.Agent.Peer;
using Coffer.Agent.Peer.Sip;
using Coffer.Sip.Session;

namespace Coffer.Agent.Cli;

/// <summary>
/// The invited side of <c>peer online</c>: serves an offer whose protocol is its data type's (SyncML with a
/// <see cref="PeerSyncServer"/> over the datastore, rsync with a <see cref="PeerFileReceiver"/> into the data type's
/// folder, one sender connection per file) on the local address, from the caller's address only, and stops it at
/// the session's BYE. One session per data type at a time: another gets 486.
/// </summary>
internal sealed class PeerResponder(PeerSide side, IPAddress listen, Output output, PeerProgressPrinter progress) : IAsyncDisposable
{
    private static readonly TimeSpan AfterCompletion = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, PeerServed> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> receiving = new(StringComparer.Ordinal);

    /// <summary>An offer this agent serves: a secret, and the protocol its data type travels by.</summary>
    public bool Serves(SessionDescription offer) => offer.Secret is not null && offer.Protocol == PeerDataTypes.Protocol(offer.DataType);

    /// <summary>Starts serving the invitation; returns where the caller connects.</summary>
    /// <exception cref="PeerBusyException">A session of the data type is under way.</exception>
    public async Task<IPEndPoint> AcceptAsync(PeerInvitation invitation, CancellationToken ct)
    {
        var offer = invitation.Offer;
        var name = PeerDataTypes.Folder(offer.DataType);
        output.Progress($"peer: {invitation.CallerDevice ?? offer.Source.Address.ToString()} invites for {name} by {SessionDescriptionXml.Name(offer.Protocol)}");
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (offer.Protocol == PeerSyncProtocol.SyncML)
        {
            var session = await new PeerSyncServer(side).StartAsync(new IPEndPoint(listen, 0), name, offer.Secret!, offer.Source.Address, progress, ct);
            sessions[invitation.CallId] = new PeerServed(stop, ServeAsync(session, stop.Token));
            return new IPEndPoint(listen, session.Url.Port);
        }

        if (!receiving.TryAdd(name, invitation.CallId))
        {
            throw new PeerBusyException($"{name} is being received from another device");
        }

        var receiver = PeerFileReceiver.Start(new IPEndPoint(listen, 0));
        sessions[invitation.CallId] = new PeerServed(stop, ReceiveAsync(receiver, name, offer, stop.Token));
        return receiver.LocalEndPoint;
    }

    /// <summary>The session's BYE: what it serves stops (a SyncML session that completed has already ended).</summary>
    public void End(string callId)
    {
        if (sessions.TryRemove(callId, out var served))
        {
            served.Stop.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var works = sessions.Values.Select(s => s.Work).ToList();
        foreach (var callId in sessions.Keys)
        {
            End(callId);
        }

        await Task.WhenAll(works);
    }

    private async Task ServeAsync(PeerSyncSession session, CancellationToken stop)
    {
        await using (session)
        {
            try
            {
                var result = await session.Completion.WaitAsync(stop);
                output.Progress(result.Completed
                    ? $"{result.Datastore}: {result.SyncType} sync done, {result.Sent} changes sent, {result.Received} received"
                    : $"{result.Datastore}: the session did not complete: {result.Error}");
                if (output.Json)
                {
                    output.WriteJsonLine(new { @event = "synced", result.Datastore, result.SyncType, result.Completed, result.Sent, result.Received, result.Error });
                }
            }
            catch (OperationCanceledException)
            {
                output.Progress("peer: the session ended before its sync completed");
                return;
            }

            // The session completes before its last reply leaves: it is stopped at the BYE, or a while after without one.
            try
            {
                await Task.Delay(AfterCompletion, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task ReceiveAsync(PeerFileReceiver receiver, string name, SessionDescription offer, CancellationToken stop)
    {
        var folder = Path.Combine(side.DataDir, name);
        var (files, bytes, wire) = (0, 0L, 0L);
        using (receiver)
        {
            try
            {
                while (true)
                {
                    try
                    {
                        var result = await receiver.ReceiveNamedAsync(folder, offer.Secret!, offer.Source.Address, progress, stop);
                        (files, bytes, wire) = (files + 1, bytes + result.FileBytes, wire + result.WireBytesReceived + result.WireBytesSent);
                        output.Progress($"{name}/{result.Name}: stored, {ByteSize.Format(result.FileBytes)} ({ByteSize.Format(result.WireBytesReceived)} received, {ByteSize.Format(result.WireBytesSent)} sent)");
                        if (output.Json)
                        {
                            output.WriteJsonLine(new { @event = "received", dataType = name, result.Name, result.FileBytes, result.WireBytesReceived, result.WireBytesSent });
                        }
                    }
                    catch (PeerTransferException e) when (!stop.IsCancellationRequested)
                    {
                        output.Progress($"{name}: {e.Message}");
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or PeerTransferException && stop.IsCancellationRequested)
            {
            }
        }

        receiving.TryRemove(name, out _);
        output.Progress($"{name}: session ended, {files} files stored ({ByteSize.Format(bytes)}, {ByteSize.Format(wire)} on the wire)");
    }
}
