using System.Text;
using Coffer.Formats;
using Coffer.Formats.AppData;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Package 3, the client's modifications (OMA-TS-DS_Protocol-V1_2 §5.6): a Sync command's Adds, Replaces and Deletes,
/// each answered with its own status. Deletes are applied here; Adds and Replaces go to the part for their kind of
/// data, large objects through <see cref="LargeObjectReceiver"/> first.
/// </summary>
internal sealed class ClientChanges : IDisposable
{
    private readonly MessageContext ctx;
    private readonly EngineServices services;
    private readonly DeviceInfoExchange devInf;
    private readonly MessageItems items;
    private readonly LargeObjectReceiver largeObjects;
    private readonly TextItemApplier text;
    private readonly OpaqueItemApplier opaque;
    private readonly ChangeSetItemApplier changeSets;
    private readonly FileDeltaItemApplier fileDeltas;
    private readonly AppDataModeKeeper modes;

    public ClientChanges(MessageContext ctx, EngineServices services, DeviceInfoExchange devInf)
    {
        this.ctx = ctx;
        this.services = services;
        this.devInf = devInf;
        items = new MessageItems(ctx, services.Options.Quota);
        largeObjects = new LargeObjectReceiver(ctx, services.Options.MaxObjSize, services.Options.MaxBlobSize);
        text = new TextItemApplier(ctx, items, services.Options.ConflictPolicy);
        opaque = new OpaqueItemApplier(ctx, items, services.Options.ConflictPolicy);
        modes = new AppDataModeKeeper(ctx, items);
        changeSets = new ChangeSetItemApplier(ctx, items, modes, services.Options.ScratchDirectory);
        fileDeltas = new FileDeltaItemApplier(ctx, items, modes, services.Options.ScratchDirectory);
    }

    public void Dispose() => items.Dispose();

    public async Task HandleSyncAsync(SyncCommand sync, CancellationToken ct)
    {
        var target = sync.Target?.LocURI?.Trim();
        var source = sync.Source?.LocURI?.Trim();
        var ds = ctx.State.FindByServerUri(target) ?? ctx.State.FindByClientUri(source);
        if (ds == null)
        {
            // A Sync for a datastore that was not initialized with an Alert in this session (§5.5).
            ctx.Respond(sync, StatusCode.NotFound, target, source);
            foreach (var nested in sync.Commands)
            {
                ctx.Respond(nested, StatusCode.NotFound);
            }

            ctx.Logger.LogWarning("{Session}: Sync for datastore '{Target}' without a sync Alert", ctx.Describe(), target);
            return;
        }

        ctx.Respond(sync, StatusCode.Ok, target, source);
        var caps = await devInf.CapsAsync(ds, ct);
        var copies = ReadAhead(ds, sync, caps);
        var mapped = await items.BeginSyncAsync(ds, SyncLuids(ds, sync), copies.Values.Select(c => c.Key).ToList(), ct);
        foreach (var command in sync.Commands)
        {
            await ApplyCommandAsync(ds, command, caps, mapped, copies, ct);
        }

        await items.FlushAsync(ds, ct);
        items.EndSync();
    }

    /// <summary>The LUIDs the Sync's items may be looked up by (as sent and trimmed), read in one query.</summary>
    private static List<string> SyncLuids(DatastoreSession ds, SyncCommand sync)
    {
        var luids = new List<string>();
        if (!ds.ClientSends)
        {
            return luids;
        }

        foreach (var item in sync.Commands.OfType<ItemCommand>().Where(c => c is AddCommand or ReplaceCommand or DeleteCommand).SelectMany(c => c.Items))
        {
            foreach (var luid in new[] { item.Source?.LocURI ?? item.Target?.LocURI, item.Source?.LocURI?.Trim(), item.Target?.LocURI?.Trim() })
            {
                if (luid != null)
                {
                    luids.Add(luid);
                }
            }
        }

        return luids;
    }

    /// <summary>
    /// In a slow or refresh-from-client sync, the text items of the Sync's Adds and Replaces normalized before the first
    /// is applied, so their twins are looked up in one query (<see cref="SyncLookups"/>). Items this cannot read here
    /// (large objects, undecodable data, bad content) are left to be applied, and reported, as they come.
    /// </summary>
    private Dictionary<Item, DeviceCopy> ReadAhead(DatastoreSession ds, SyncCommand sync, CTCap? caps)
    {
        var copies = new Dictionary<Item, DeviceCopy>(ReferenceEqualityComparer.Instance);
        if (!ds.ClientSends || !(ds.IsSlow || ds.IsRefreshFromClient) || ctx.State.Incoming != null)
        {
            return copies;
        }

        foreach (var command in sync.Commands.OfType<ItemCommand>().Where(c => c is AddCommand or ReplaceCommand))
        {
            foreach (var item in command.Items)
            {
                if (item.MoreData)
                {
                    // A large object begins: what follows it in this Sync goes through LargeObjectReceiver.
                    return copies;
                }

                var type = item.Meta?.Type ?? command.Meta?.Type;
                var handler = services.Handlers.For(ds.Kind, type);
                if (handler is OpaqueContentHandler)
                {
                    continue;
                }

                try
                {
                    if (ItemPayload.Read(command, item) is { } payload && payload.Length <= services.Options.MaxObjSize)
                    {
                        var norm = handler.Normalize(Encoding.UTF8.GetString(payload), type);
                        copies[item] = new DeviceCopy(norm, items.IdentityKeyOf(norm.IdentityKey), handler, caps);
                    }
                }
                catch (PimFormatException)
                {
                }
            }
        }

        return copies;
    }

    private async Task ApplyCommandAsync(DatastoreSession ds, SyncMLCommand command, CTCap? caps, IReadOnlyDictionary<string, string> mapped, Dictionary<Item, DeviceCopy> copies, CancellationToken ct)
    {
        if (command is MalformedCommand bad)
        {
            ctx.RespondMalformed(bad);
            return;
        }

        if (command is not (AddCommand or ReplaceCommand or DeleteCommand))
        {
            ctx.Respond(command, StatusCode.OptionalFeatureNotSupported);
            return;
        }

        var itemCommand = (ItemCommand)command;
        if (itemCommand.Items.Count == 0)
        {
            // Add/Replace/Delete require at least one Item (OMA-TS-SyncML_RepPro-V1_2 DTD: "Item+"): malformed, 400.
            // The statuses below are per item, so without this an empty command would get no Status at all.
            ctx.Respond(command, StatusCode.BadRequest);
            return;
        }

        if (!ds.ClientSends)
        {
            // one-way-from-server / refresh-from-server: the client has no business sending changes (§5.6).
            foreach (var item in itemCommand.Items)
            {
                ctx.Respond(command, StatusCode.CommandNotAllowed, item.Target?.LocURI, item.Source?.LocURI);
            }

            return;
        }

        foreach (var item in itemCommand.Items)
        {
            var type = item.Meta?.Type ?? command.Meta?.Type;
            var clientItem = new ClientItem(itemCommand, item.Source?.LocURI?.Trim(), item.Target?.LocURI?.Trim(), type, mapped, copies.GetValueOrDefault(item));
            await ApplyItemAsync(ds, clientItem, item, caps, ct);
        }
    }

    private async Task ApplyItemAsync(DatastoreSession ds, ClientItem clientItem, Item item, CTCap? caps, CancellationToken ct)
    {
        var (command, luid, targetUri) = (clientItem.Command, clientItem.Luid, clientItem.TargetUri);
        try
        {
            if (command is DeleteCommand)
            {
                await items.FlushAsync(ds, ct);
                await ApplyDeleteAsync(ds, command, luid ?? targetUri, clientItem.Mapped, ct);
                return;
            }

            var payload = ItemPayload.Read(command, item);
            BlobManifest? manifest = null;
            if (item.MoreData || ctx.State.Incoming != null)
            {
                var received = await largeObjects.ReceiveAsync(ds, clientItem, item, payload, ct);
                if (received == null)
                {
                    return;
                }

                (payload, manifest) = (received.Content, received.Manifest);
            }
            else if (payload != null && payload.Length > services.Options.MaxObjSize)
            {
                ctx.Respond(command, StatusCode.RequestEntityTooLarge, targetUri, luid);
                return;
            }

            if (payload == null)
            {
                ctx.Respond(command, StatusCode.BadRequest, targetUri, luid);
                ctx.Logger.LogWarning("{Session}: {Op} of '{Luid}' without data", ctx.Describe(), command.ElementName, luid);
                return;
            }

            if (luid != null && command is AddCommand && items.IsPending(luid))
            {
                // The same LUID added twice in one message names one item: the second Add updates the first.
                await items.FlushAsync(ds, ct);
            }

            if (ds.Kind == DatastoreKind.AppData && SqliteChangeSetCodec.IsChangeSet(clientItem.Type))
            {
                await changeSets.ApplyAsync(ds, clientItem, payload, manifest, ct);
                return;
            }

            if (ds.Kind == DatastoreKind.AppData && FileDeltaCodec.IsFileDelta(clientItem.Type))
            {
                await fileDeltas.ApplyAsync(ds, clientItem, payload, manifest, ct);
                return;
            }

            ds.SendType ??= clientItem.Type;
            var handler = services.Handlers.For(ds.Kind, clientItem.Type);
            if (handler is OpaqueContentHandler)
            {
                await opaque.ApplyAsync(ds, clientItem, payload, manifest, ct);
                if (ds.Kind == DatastoreKind.AppData)
                {
                    await modes.RecordFullAsync(ds, clientItem, ct);
                }
            }
            else
            {
                await text.ApplyAsync(ds, clientItem, payload, handler, caps, ct);
            }
        }
        catch (PimFormatException ex)
        {
            // A bad item is reported on its own; the rest of the message is applied (§6.8 statuses per item).
            ctx.Respond(command, StatusCode.UnsupportedMediaType, targetUri, luid);
            ds.ClientRejects++;
            ctx.Logger.LogWarning("{Session}: {Op} of '{Luid}' in {Store} rejected: {Reason}", ctx.Describe(), command.ElementName, luid, ds.ServerUri, LogRedaction.Reason(ex.Message));
        }
    }

    private async Task ApplyDeleteAsync(DatastoreSession ds, ItemCommand command, string? luid, IReadOnlyDictionary<string, string> mapped, CancellationToken ct)
    {
        if (luid == null || !mapped.TryGetValue(luid, out var guid))
        {
            // Nothing to delete: "Item not deleted" — the item was not found (OMA-TS-SyncML_RepPro-V1_2 §10, 211).
            ctx.Respond(command, StatusCode.ItemNotDeleted, null, luid);
            return;
        }

        var uow = ctx.Uow;
        var existing = (await uow.Items.GetAsync(ds.DatastoreId, [guid], false, ct)).FirstOrDefault();
        await uow.IdMaps.DeleteByLuidAsync(ctx.Device.Id, ds.DatastoreId, [luid], ct);
        items.Unmapped(luid, guid, deleted: false);
        if (existing == null || existing.Deleted)
        {
            ctx.Respond(command, StatusCode.Ok, null, luid);
            return;
        }

        var serverChanged = existing.Sequence > ds.StartCursor && existing.Origin != ctx.Origin;
        if (serverChanged && services.Options.ConflictPolicy == ConflictPolicy.ServerWins)
        {
            // The server's newer version wins: the device gets it back as a new item.
            ds.PendingUpdates.Add(existing.Id);
            ctx.Respond(command, StatusCode.ConflictResolvedWithServerData, null, luid);
            return;
        }

        await uow.Items.DeleteAsync(ds.DatastoreId, [new ItemDeletion(existing.Id, ctx.Origin)], ct);
        items.Unmapped(luid, existing.Id, deleted: true);
        items.Released(existing.Size);
        ds.ClientDeletes++;
        ctx.Respond(command, serverChanged ? StatusCode.ConflictResolvedWithClientWinning : StatusCode.Ok, null, luid);
    }
}
