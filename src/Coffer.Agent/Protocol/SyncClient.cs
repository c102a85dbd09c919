using System.Globalization;
using System.Security.Cryptography;
using Coffer.Agent.Sources;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.DevInf;

namespace Coffer.Agent.Protocol;

/// <summary>
/// An OMA DS 1.2 client (OMA-TS-DS_Protocol-V1_2 §5, packages 1–6), one session per datastore: package 1
/// authenticates and alerts the sync type with the anchors, package 3 sends the local changes (all items in a slow
/// sync) over as many messages as MaxMsgSize allows, a change too large for a message in chunks, package 4 is applied
/// as it arrives, package 5 answers it with statuses and the Map. The anchor advances only when a session
/// completes, so a failed session is simply repeated by the next one.
/// </summary>
public sealed class SyncClient
{
    private readonly ClientAccount account;
    private readonly ClientSettings settings;
    private readonly ISyncTransport transport;
    private readonly SyncMLCodec codec;
    private readonly DeviceInfo devInf;

    public SyncClient(ClientAccount account, ClientSettings settings, ISyncTransport transport, SyncMLCodec codec, IEnumerable<DatastoreInfo> datastores)
    {
        this.account = account;
        this.settings = settings;
        this.transport = transport;
        this.codec = codec;
        devInf = AgentDevInf.Create(account.DeviceId, settings, datastores);
    }

    public ClientAccount Account => account;

    /// <summary>How the next session authenticates; kept up to date with the server's challenges and nonces.</summary>
    public AuthState Auth { get; set; } = new();

    /// <summary>Whether the server has our DevInf; until then package 1 carries it (§5.5).</summary>
    public bool DevInfDelivered { get; set; }

    /// <summary>Told each message sent: the datastore, the changes sent so far and how many there are in all.</summary>
    public Action<DatastoreInfo, int, int>? Progress { get; set; }

    /// <summary>Told once the changes to send are known: the datastore and the changes, before any is sent.</summary>
    public Action<DatastoreInfo, IReadOnlyList<LocalChange>>? Planned { get; set; }

    /// <summary>
    /// Runs one session for <paramref name="source"/>. <paramref name="alertCode"/> is the sync type asked for (200
    /// two-way, 201 slow, 202 one-way from client, 205 refresh from server); the server may answer 508 and run a slow
    /// sync instead, which the client follows. <paramref name="nextAnchor"/> is the Next anchor to send, when the source
    /// keeps its own (a removable card's proposed sync object, seed 002); otherwise a new one is made.
    /// </summary>
    /// <exception cref="AuthenticationFailedException">The server refused the credentials.</exception>
    /// <exception cref="SyncProtocolException">The server refused something else or broke the protocol.</exception>
    public async Task<SessionResult> SyncAsync(ISyncSource source, int alertCode, CancellationToken cancellationToken, SessionHooks? hooks = null, string? nextAnchor = null)
    {
        var datastore = source.Datastore;
        nextAnchor ??= string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}");
        var (builder, session, reply) = await OpenAsync(datastore, alertCode, source.LastAnchor, nextAnchor, cancellationToken).ConfigureAwait(false);
        var serverAlert = reply.SyncAlertFor(datastore.LocalUri)?.Code
            ?? throw new SyncProtocolException($"package 2 has no sync Alert for {datastore.LocalUri}");
        if (serverAlert is not (AlertCode.TwoWay or AlertCode.SlowSync or AlertCode.OneWayFromClient or AlertCode.RefreshFromClient or AlertCode.OneWayFromServer or AlertCode.RefreshFromServer))
        {
            throw new SyncProtocolException($"server alerted sync type {serverAlert}");
        }

        var slow = serverAlert is AlertCode.SlowSync or AlertCode.RefreshFromClient;
        var changes = serverAlert is AlertCode.OneWayFromServer or AlertCode.RefreshFromServer ? [] : source.CollectChanges(all: slow);
        Planned?.Invoke(datastore, changes);
        var point = new ResumePoint
        {
            SessionId = builder.SessionId,
            Url = session.Url.ToString(),
            NextAnchor = nextAnchor,
            ServerAlert = serverAlert,
            Bin = codec.CarriesBytes && BinItemData.IsAnnounced(reply.ServerDevInf()),
        };
        return await FinishAsync(source, alertCode, serverAlert, nextAnchor, builder, session, hooks, point, (sender, ct) => sender.SendAsync(reply, changes, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Goes on with the session another run left at <paramref name="point"/> (docs/agent.md "Resuming"): the object under
    /// way (<paramref name="resumed"/>) from the last chunk the server acknowledged, then the changes the session had
    /// not yet sent, then packages 4 to 6 as usual.
    /// </summary>
    /// <exception cref="SyncProtocolException">The server no longer has the session, or refused the message.</exception>
    public async Task<SessionResult> ResumeAsync(ISyncSource source, ResumePoint point, LocalChange? resumed, CancellationToken cancellationToken, SessionHooks? hooks = null)
    {
        var datastore = source.Datastore;
        var builder = new SyncMessageBuilder(account, settings, datastore, Auth, point.SessionId) { LastMsgId = point.LastMsgId };
        var session = new ClientSession(transport, codec, new Uri(point.Url)) { ServerMaxMsgSize = point.ServerMaxMsgSize };
        var slow = point.ServerAlert is AlertCode.SlowSync or AlertCode.RefreshFromClient;
        var accepted = point.Accepted.ToHashSet(StringComparer.Ordinal);
        var rest = source.CollectChanges(all: slow).Where(c => !accepted.Contains(c.Luid) && c.Luid != resumed?.Luid);
        IReadOnlyList<LocalChange> changes = resumed == null ? [.. rest] : [resumed, .. rest];
        return await FinishAsync(source, point.ServerAlert, point.ServerAlert, point.NextAnchor, builder, session, hooks, point, (sender, ct) => sender.ResumeAsync(point, changes, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Goes on with package 4 of a restore another run left at <paramref name="point"/> (docs/agent.md "Resuming"): sends
    /// the message it was about to send again (same MsgID; the server answers it from its reply cache if it had it,
    /// OMA-TS-DS_Protocol-V1_2 §6.1), continues the large object under way in its spool file, then the rest of packages
    /// 4 to 6 as usual.
    /// </summary>
    /// <exception cref="SyncProtocolException">The server no longer has the session, or refused the message.</exception>
    /// <exception cref="IOException">The spool file of the object under way is gone.</exception>
    public Task<SessionResult> ResumeReceivingAsync(ISyncSource source, ResumePoint point, CancellationToken cancellationToken, SessionHooks? hooks = null)
    {
        var receiving = point.Receiving ?? throw new ArgumentException("the point has no package 4 to resume", nameof(point));
        var builder = new SyncMessageBuilder(account, settings, source.Datastore, Auth, point.SessionId) { LastMsgId = point.LastMsgId };
        var session = new ClientSession(transport, codec, new Uri(point.Url)) { ServerMaxMsgSize = point.ServerMaxMsgSize };
        var next = builder.NewMessage();
        var stored = SyncMLXml.Parse(System.Text.Encoding.UTF8.GetBytes(receiving.NextMessage));
        foreach (var command in stored.Body.Commands)
        {
            next.Add(command);
        }

        next.Final = stored.Body.Final;
        return FinishAsync(source, point.ServerAlert, point.ServerAlert, point.NextAnchor, builder, session, hooks, point, null, cancellationToken, (next, receiving));
    }

    private async Task<SessionResult> FinishAsync(
        ISyncSource source,
        int alertCode,
        int serverAlert,
        string nextAnchor,
        SyncMessageBuilder builder,
        ClientSession session,
        SessionHooks? hooks,
        ResumePoint point,
        Func<ChangeSender, CancellationToken, Task<ServerReply>>? package3,
        CancellationToken cancellationToken,
        (OutgoingMessage Message, ReceivingPoint Point)? resumed = null)
    {
        var datastore = source.Datastore;
        var slow = serverAlert is AlertCode.SlowSync or AlertCode.RefreshFromClient;
        using var answerer = new ReplyAnswerer(source, devInf, settings.SpoolDirectory ?? Path.GetTempPath());
        var sender = new ChangeSender(builder, session, answerer, source, settings, devInf.SupportNumberOfChanges, (sent, total) => Progress?.Invoke(datastore, sent, total))
        {
            Bin = point.Bin && codec.CarriesBytes,
            Tracker = hooks?.SaveResume is { } save ? new ResumeTracker(point, save, TimeProvider.System) : null,
            Checkpoint = hooks?.Checkpoint,
        };
        if (point.Room == 0)
        {
            point.Room = sender.Room;
            point.ServerMaxMsgSize = session.ServerMaxMsgSize;
        }

        ServerReply? reply = null;
        var next = resumed?.Message;
        if (resumed is { } r)
        {
            answerer.Resume(r.Point);
        }
        else
        {
            reply = await package3!(sender, cancellationToken).ConfigureAwait(false);
        }

        // Package 4 may span several messages; the client asks for each next one with Alert 222 (OMA-TS-DS_Protocol-V1_2
        // §8.1.1). Package 5 answers the last one with the statuses and the Map, and its reply (package 6) ends the session.
        var received = answerer.ItemsReceived;
        while (true)
        {
            if (next == null)
            {
                next = builder.NewMessage();
                answerer.Answer(reply!, next);
                if (!reply!.Final)
                {
                    next.Add(builder.NextMessageAlert());
                }
                else
                {
                    if (answerer.PendingMap.Count > 0)
                    {
                        next.Add(builder.Map(answerer.PendingMap));
                    }

                    next.Final = true;
                }

                if (hooks?.SaveReceiving is { } saveReceiving)
                {
                    // The items written so far first, then the point that counts them as done (docs/agent.md "Resuming").
                    if (answerer.ItemsReceived != received)
                    {
                        hooks.Checkpoint?.Invoke();
                        received = answerer.ItemsReceived;
                    }

                    point.LastMsgId = int.Parse(next.MsgID, CultureInfo.InvariantCulture) - 1;
                    point.Url = session.Url.ToString();
                    point.ServerMaxMsgSize = session.ServerMaxMsgSize;
                    point.Object = null;
                    point.Receiving = answerer.Suspend(next);
                    point.Saved = DateTimeOffset.UtcNow;
                    saveReceiving(point);
                }
            }

            reply = await session.ExchangeAsync(next, cancellationToken).ConfigureAwait(false);
            if (next.Final)
            {
                if (!reply.Final)
                {
                    throw new SyncProtocolException($"reply to message {next.MsgID} (package 6) is not Final");
                }

                break;
            }

            next = null;
        }

        hooks?.SaveReceiving?.Invoke(null);
        source.Completed(nextAnchor, slow);
        DevInfDelivered = true;
        return new SessionResult(alertCode, serverAlert, session.Messages, sender.Accepted, answerer.ItemsReceived)
        {
            Added = sender.Added,
            Replaced = sender.Replaced,
            Deleted = sender.Deleted,
            Refused = sender.Refused,
            QuotaRefused = sender.QuotaRefused,
            ReceivedAdds = answerer.Adds,
            ReceivedReplaces = answerer.Replaces,
            ReceivedDeletes = answerer.Deletes,
            BytesSent = session.BytesSent,
        };
    }

    /// <summary>
    /// Package 1 and its reply. A challenge for md5 (or, with md5 already, a fresh nonce) is answered once with a new
    /// session carrying md5 credentials over the nonce the server gave (OMA-TS-SyncML-RepPro-V1_2 §4.3); a refusal
    /// after that is final.
    /// </summary>
    private async Task<(SyncMessageBuilder, ClientSession, ServerReply)> OpenAsync(DatastoreInfo datastore, int alertCode, string? lastAnchor, string nextAnchor, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var builder = new SyncMessageBuilder(account, settings, datastore, Auth, RandomNumberGenerator.GetHexString(8, lowercase: true));
            var session = new ClientSession(transport, codec, account.ServerUrl);
            var m1 = builder.NewMessage();
            if (!DevInfDelivered)
            {
                m1.Add(SyncMessageBuilder.PutDevInf(devInf));
            }

            if (codec.CarriesBytes)
            {
                m1.Add(SyncMessageBuilder.GetDevInf());
            }

            m1.Add(builder.SyncAlert(alertCode, lastAnchor, nextAnchor));
            m1.Final = true;
            try
            {
                // 508 "refresh required" on the Alert is the server asking for a slow sync instead (OMA-TS-DS_Protocol-V1_2 §5.6).
                var reply = await session.ExchangeAsync(m1, ct, (c, code) => c is AlertCommand && code == StatusCode.RefreshRequired).ConfigureAwait(false);
                Auth.NextNonce = reply.StatusFor(m1.MsgID, "0")?.Chal?.Meta?.NextNonce ?? Auth.NextNonce;
                return (builder, session, reply);
            }
            catch (AuthenticationFailedException ex) when (attempt == 0 && ex.Challenge is { } chal && string.Equals(chal.Type, AuthTypes.Md5, StringComparison.Ordinal))
            {
                Auth.Type = AuthTypes.Md5;
                Auth.NextNonce = chal.NextNonce;
            }
        }
    }
}
