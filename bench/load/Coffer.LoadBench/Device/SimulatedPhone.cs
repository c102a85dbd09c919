using System.Globalization;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;

namespace Coffer.LoadBench.Device;

/// <summary>
/// A phone with one contacts datastore that syncs as an OMA DS 1.2 client (OMA-TS-DS_Protocol-V1_2 §5, packages 1–6):
/// package 1 authenticates and alerts the sync type with its anchors, package 3 sends the local changes (all items in
/// a slow sync) over as many messages as MaxMsgSize allows, package 4 is applied as it arrives, package 5 answers it
/// with statuses and the Map. The anchors and the change log advance only when a session completes, so a failed
/// session is simply repeated by the next one.
/// </summary>
public sealed class SimulatedPhone
{
    private readonly PhoneAccount account;
    private readonly PhoneSettings settings;
    private readonly ISyncTransport transport;
    private readonly SyncMLCodec codec;
    private readonly DeviceInfo devInf;
    private int sessions;
    private string? lastAnchor;
    private bool devInfDelivered;

    public SimulatedPhone(PhoneAccount account, PhoneSettings settings, ISyncTransport transport, SyncMLCodec codec)
    {
        this.account = account;
        this.settings = settings;
        this.transport = transport;
        this.codec = codec;
        devInf = PhoneDevInf.Create(account.DeviceId, settings);
    }

    public ContactBook Contacts { get; } = new();

    public PhoneAccount Account => account;

    /// <summary>Runs one session. <paramref name="alertCode"/> is 200 (two-way) or 201 (slow sync).</summary>
    /// <exception cref="SyncProtocolException">The server refused something or broke the protocol.</exception>
    public async Task<SessionResult> SyncAsync(int alertCode, CancellationToken cancellationToken)
    {
        var builder = new SyncMessageBuilder(account, settings, (++sessions).ToString(CultureInfo.InvariantCulture));
        var session = new PhoneSession(transport, codec, account.ServerUrl);
        var answerer = new ReplyAnswerer(Contacts, devInf);
        var nextAnchor = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{sessions}");

        var m1 = builder.NewMessage();
        if (!devInfDelivered)
        {
            m1.Add(SyncMessageBuilder.PutDevInf(devInf));
        }

        m1.Add(builder.SyncAlert(alertCode, lastAnchor, nextAnchor));
        m1.Final = true;

        // 508 "refresh required" on the Alert is the server asking for a slow sync instead (OMA-TS-DS_Protocol-V1_2 §5.6).
        var reply = await session.ExchangeAsync(m1, cancellationToken, (c, code) => c is AlertCommand && code == 508).ConfigureAwait(false);
        var serverAlert = reply.SyncAlertFor(settings.LocalDatastore)?.Code
            ?? throw new SyncProtocolException($"package 2 has no sync Alert for {settings.LocalDatastore}");
        if (serverAlert is not (AlertCode.TwoWay or AlertCode.SlowSync))
        {
            throw new SyncProtocolException($"server alerted sync type {serverAlert}");
        }

        var changes = new Queue<ItemCommand>(serverAlert == AlertCode.SlowSync ? Contacts.AllAsAdds(settings.ContentType) : Contacts.ChangeCommands(settings.ContentType));
        var itemsSent = changes.Count;
        reply = await SendChangesAsync(builder, session, answerer, reply, changes, cancellationToken).ConfigureAwait(false);

        // Package 4 may span several messages; the phone asks for each next one with Alert 222 (OMA-TS-DS_Protocol-V1_2 §8.1.1).
        while (!reply.Final)
        {
            var more = builder.NewMessage();
            answerer.Answer(reply, more);
            more.Add(builder.NextMessageAlert());
            reply = await session.ExchangeAsync(more, cancellationToken).ConfigureAwait(false);
        }

        var m5 = builder.NewMessage();
        answerer.Answer(reply, m5);
        if (answerer.PendingMap.Count > 0)
        {
            m5.Add(builder.Map(answerer.PendingMap));
        }

        m5.Final = true;
        var last = await session.ExchangeAsync(m5, cancellationToken).ConfigureAwait(false);
        if (!last.Final)
        {
            throw new SyncProtocolException($"reply to message {m5.MsgID} (package 6) is not Final");
        }

        lastAnchor = nextAnchor;
        devInfDelivered = true;
        Contacts.MarkSynced();
        return new SessionResult(alertCode, serverAlert, session.Messages, itemsSent, answerer.ItemsReceived);
    }

    /// <summary>
    /// Package 3: the changes in one Sync per message, each message within the smaller of the phone's and the
    /// server's MaxMsgSize (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.9); every message but the last goes without Final
    /// (OMA-TS-DS_Protocol-V1_2 §8.1). Returns the reply to the last one, the start of package 4.
    /// </summary>
    private async Task<ServerReply> SendChangesAsync(SyncMessageBuilder builder, PhoneSession session, ReplyAnswerer answerer, ServerReply reply, Queue<ItemCommand> changes, CancellationToken ct)
    {
        var limit = Math.Min(settings.MaxMsgSize, session.ServerMaxMsgSize ?? settings.MaxMsgSize);
        var total = changes.Count;
        var first = true;
        do
        {
            var m = builder.NewMessage();
            answerer.Answer(reply, m);
            var sync = builder.Sync(first && devInf.SupportNumberOfChanges ? total : null);
            m.Add(sync);
            while (changes.Count > 0)
            {
                var size = OutgoingMessage.Estimate(changes.Peek());
                if (sync.Commands.Count > 0 && m.EstimatedSize + size > limit)
                {
                    break;
                }

                m.AddToSync(sync, changes.Dequeue(), size);
            }

            m.Final = changes.Count == 0;
            first = false;
            reply = await session.ExchangeAsync(m, ct).ConfigureAwait(false);
        }
        while (changes.Count > 0);

        return reply;
    }
}
