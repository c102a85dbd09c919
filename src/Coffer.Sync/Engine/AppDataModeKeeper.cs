using Coffer.Formats.AppData;
using Coffer.Storage;
using Coffer.Sync.Sessions;

namespace Coffer.Sync.Engine;

/// <summary>
/// The server's side of the per-file backup modes (docs/appdata-change-set.md "Backup modes"): the mode each app data
/// item carries in its content type is recorded for the item, so retention keeps what the mode needs, and a full
/// backup in differential mode becomes the base version its later differentials are applied to.
/// </summary>
internal sealed class AppDataModeKeeper(MessageContext ctx, MessageItems items)
{
    /// <summary>After a whole file was applied: records its mode, and in differential mode the version now current as the base.</summary>
    public async Task RecordFullAsync(DatastoreSession ds, ClientItem item, CancellationToken ct)
    {
        await items.FlushAsync(ds, ct);
        if (items.KnownGuid(ds, item) is not { } guid || (await ctx.Uow.Items.GetAsync(ds.DatastoreId, [guid], false, ct)).FirstOrDefault() is not { Deleted: false } stored)
        {
            // Refused (quota) or not kept (the slow sync after a recovery): nothing to record.
            return;
        }

        var mode = AppDataModes.From(item.Type);
        await ctx.Uow.ItemModes.SetAsync(ds.DatastoreId, stored.Id, new ItemModeState(Stored(mode), mode == AppDataMode.Differential ? stored.Version : null), ct);
    }

    /// <summary>After a change set was applied in incremental or history mode: the item's mode (a differential keeps its base).</summary>
    public async Task RecordChangesAsync(DatastoreSession ds, string itemId, AppDataMode mode, CancellationToken ct)
    {
        if (mode != AppDataMode.Differential)
        {
            await ctx.Uow.ItemModes.SetAsync(ds.DatastoreId, itemId, new ItemModeState(Stored(mode), null), ct);
        }
    }

    /// <summary>The stored content (a blob manifest) of the full backup a differential applies to; null when there is none.</summary>
    public async Task<byte[]?> DifferentialBaseAsync(DatastoreSession ds, string itemId, CancellationToken ct)
    {
        var state = await ctx.Uow.ItemModes.GetAsync(ds.DatastoreId, itemId, ct);
        if (state is not { Mode: ItemBackupMode.Differential, BaseVersion: { } version })
        {
            return null;
        }

        var full = await ctx.Uow.Items.GetVersionAsync(ds.DatastoreId, itemId, version, ct);
        return full is { Deleted: false, Content: { } content } && BlobManifest.IsManifest(content) ? content : null;
    }

    private static ItemBackupMode Stored(AppDataMode mode) => mode switch
    {
        AppDataMode.Differential => ItemBackupMode.Differential,
        AppDataMode.History => ItemBackupMode.History,
        _ => ItemBackupMode.Incremental,
    };
}
