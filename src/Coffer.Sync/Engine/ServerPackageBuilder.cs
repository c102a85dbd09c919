using Coffer.Storage;
using Coffer.Sync.Sessions;
using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// Package 4, the server's modifications (OMA-TS-DS_Protocol-V1_2 §5.7): one Sync per datastore with as many changes
/// as fit in this message; the rest follow in later messages (§6.4, the client asks with Alert 222). Final marks the
/// last message of the package.
/// </summary>
internal sealed class ServerPackageBuilder
{
    /// <summary>Room kept free in every message for the closing elements and status growth.</summary>
    public const long SafetyMargin = 600;

    private readonly MessageContext ctx;
    private readonly EngineServices services;
    private readonly DeviceInfoExchange devInf;
    private readonly LargeObjectSender largeObjects;
    private readonly ItemOffer offer;

    public ServerPackageBuilder(MessageContext ctx, EngineServices services, DeviceInfoExchange devInf)
    {
        this.ctx = ctx;
        this.services = services;
        this.devInf = devInf;
        var sent = new SentCommands(ctx);
        largeObjects = new LargeObjectSender(ctx, services.Handlers, devInf, sent);
        offer = new ItemOffer(ctx, sent, largeObjects, services.Options.MaxObjSize);
    }

    private IUnitOfWork Uow => ctx.Uow;

    private SessionState State => ctx.State;

    public async Task FillAsync(CancellationToken ct)
    {
        if (!State.ServerPackageStarted)
        {
            await StartAsync(ct);
        }

        var full = State.Outgoing != null && !await largeObjects.ContinueAsync(ct);
        foreach (var ds in State.Datastores)
        {
            if (full)
            {
                break;
            }

            var sync = new SyncCommand { Target = new SyncLocation(ds.ClientUri), Source = new SyncLocation(ds.ServerUri) };
            if (!ds.SendDone)
            {
                full = !await FillDatastoreAsync(ds, sync, ct);
            }

            if (sync.Commands.Count > 0 || !ds.SyncCommandSent)
            {
                if (!ds.SyncCommandSent)
                {
                    sync.NumberOfChanges = Sends(ds) ? await CountToSendAsync(ds, ct) : 0;
                }

                ds.SyncCommandSent = true;
                ctx.Reply.Add(sync, 200);
            }
        }

        if (!full && State.Outgoing == null && State.Datastores.All(d => d.SendDone))
        {
            State.ServerPackageDone = true;
            ctx.Reply.Message.Body.Final = true;
        }
    }

    /// <summary>Fixes what this package sends: every change up to the user's sequence now, in the format the device prefers.</summary>
    private async Task StartAsync(CancellationToken ct)
    {
        State.ServerPackageStarted = true;
        var current = await Uow.Items.GetCurrentSequenceAsync(ctx.User.Id, ct);
        foreach (var ds in State.Datastores)
        {
            ds.SnapshotSequence = current;
            ds.LastSentSequence = ds.Mode is AlertCode.TwoWay or AlertCode.OneWayFromServer ? ds.StartCursor : 0;
            ds.SendDone = !Sends(ds);
            await devInf.ChooseSendTypeAsync(ds, ct);
        }
    }

    /// <summary>Adds this datastore's pending changes to <paramref name="sync"/>; false when the message is full.</summary>
    private async Task<bool> FillDatastoreAsync(DatastoreSession ds, SyncCommand sync, CancellationToken ct)
    {
        var format = new DeviceFormat(services.Handlers.For(ds.Kind, ds.SendType), await devInf.CapsAsync(ds, ct));
        var listsAll = ds.Mode is AlertCode.SlowSync or AlertCode.RefreshFromServer;
        while (!ds.SendDone)
        {
            if (ds.SnapshotSequence > ds.LastSentSequence)
            {
                // A slow sync lists every live item but sends only those the device did not just match (usually
                // none): list them without content and load the content of the few it needs.
                var slow = ds.Mode == AlertCode.SlowSync;
                var page = listsAll
                    ? await Uow.Items.ListLiveAsync(ds.DatastoreId, ds.LastSentSequence, services.Options.PageSize, !slow, ct)
                    : await Uow.Items.GetChangesSinceAsync(ds.DatastoreId, ds.LastSentSequence, services.Options.PageSize, ctx.Origin, true, ct);
                page = page.Where(p => p.Sequence <= ds.SnapshotSequence).ToList();
                if (page.Count > 0)
                {
                    var luids = await Uow.IdMaps.GetLuidsAsync(ctx.Device.Id, ds.DatastoreId, page.Select(p => p.Id).ToList(), ct);
                    if (slow)
                    {
                        page = await WithContentAsync(ds, page, luids, ct);
                    }

                    foreach (var item in page)
                    {
                        if (!await offer.OfferAsync(ds, sync, item, luids.GetValueOrDefault(item.Id), listsAll, format, ct))
                        {
                            return false;
                        }

                        ds.LastSentSequence = item.Sequence;
                    }

                    continue;
                }

                ds.LastSentSequence = ds.SnapshotSequence;
            }

            // Items a slow-sync merge or a lost conflict changed for the device, and after a recovery the items the device
            // must give up (tombstones it holds under a LUID go out as Deletes); sent after the listing.
            while (ds.PendingUpdates.Count > 0)
            {
                var guid = ds.PendingUpdates[0];
                var item = (await Uow.Items.GetAsync(ds.DatastoreId, [guid], true, ct)).FirstOrDefault();
                var luid = (await Uow.IdMaps.GetLuidsAsync(ctx.Device.Id, ds.DatastoreId, [guid], ct)).GetValueOrDefault(guid);
                if (item != null && (!item.Deleted || luid != null) && !await offer.OfferAsync(ds, sync, item, luid, false, format, ct))
                {
                    return false;
                }

                ds.PendingUpdates.RemoveAt(0);
            }

            ds.SendDone = true;
        }

        return true;
    }

    /// <summary>The page with content loaded for the items the device does not hold (the ones a slow sync sends).</summary>
    private async Task<IReadOnlyList<StoredItem>> WithContentAsync(DatastoreSession ds, IReadOnlyList<StoredItem> page, IReadOnlyDictionary<string, string> luids, CancellationToken ct)
    {
        var needed = page.Where(p => !p.Deleted && !luids.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        if (needed.Count == 0)
        {
            return page;
        }

        var loaded = (await Uow.Items.GetAsync(ds.DatastoreId, needed, true, ct)).ToDictionary(i => i.Id, StringComparer.Ordinal);
        return [.. page.Select(p => loaded.GetValueOrDefault(p.Id) ?? p)];
    }

    /// <summary>NumberOfChanges (§5.5 Sync) lets the device show progress; counted before paging starts.</summary>
    private async Task<long> CountToSendAsync(DatastoreSession ds, CancellationToken ct)
    {
        if (ds.Mode is AlertCode.SlowSync or AlertCode.RefreshFromServer)
        {
            var live = await Uow.Items.CountLiveAsync(ds.DatastoreId, ct);
            var mapped = await Uow.IdMaps.CountAsync(ctx.Device.Id, ds.DatastoreId, ct);

            // Adds already put in this message are still unmapped (the Map comes in package 5), so live - mapped counts
            // them; Replaces of twins leave PendingUpdates as they are sent, so those are added back.
            // Items retired after a recovery are mapped but not live.
            return Math.Max(0, live - mapped + ds.Retired) + ds.PendingUpdates.Count + ds.ServerReplaces;
        }

        return await Uow.Items.CountChangesSinceAsync(ds.DatastoreId, ds.StartCursor, ctx.Origin, ct);
    }

    /// <summary>
    /// Whether this sync sends the server's changes: as its mode says, except that two-way and slow syncs of blobs
    /// (mail, SMS, photos, files) are backups from the client unless configured otherwise (seed 000 §4.1).
    /// </summary>
    private bool Sends(DatastoreSession ds) =>
        ds.ServerSends && (services.Options.TwoWayBlobDatastores || !BlobKinds.Holds(ds.Kind) || ds.Mode is AlertCode.OneWayFromServer or AlertCode.RefreshFromServer);
}
