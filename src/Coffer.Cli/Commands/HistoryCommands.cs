using System.CommandLine;
using System.Globalization;
using Coffer.Cli.Configuration;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Recovery;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer history list|deleted|restore</c>: item versions, deleted items, point-in-time restore (docs/history-and-recovery.md).</summary>
internal static class HistoryCommands
{
    public static Command Create(StoreSelection store, ServerSettings settings)
    {
        var retention = new Option<int>("--retention-days") { Description = "how far back a restore may reach (default: the server's Coffer:History:RetentionDays)", DefaultValueFactory = _ => settings.Section<HistoryOptions>("Coffer:History").RetentionDays };

        var listUser = new Argument<string>("user");
        var listStore = new Argument<string>("datastore");
        var listItem = new Argument<string>("item") { Description = "the item id" };
        var list = store.AddTo(new Command("list", "List every kept version of an item") { listUser, listStore, listItem });
        list.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => ListAsync(target, io, pr.GetValue(listUser)!, pr.GetValue(listStore)!, pr.GetValue(listItem)!, ct)));

        var delUser = new Argument<string>("user");
        var delStore = new Argument<string?>("datastore") { Arity = ArgumentArity.ZeroOrOne, Description = "one datastore (default: all)" };
        var deleted = store.AddTo(new Command("deleted", "List deleted items that can be restored") { delUser, delStore });
        deleted.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => DeletedAsync(target, io, pr.GetValue(delUser)!, pr.GetValue(delStore), ct)));

        var resUser = new Argument<string>("user");
        var at = new Option<string?>("--at") { Description = "the point in time (ISO 8601, e.g. 2026-05-01T12:00:00Z); for --item it may be left out to undelete" };
        var resStore = new Option<string?>("--datastore") { Description = "restore only this datastore (default: the whole account)" };
        var resItem = new Option<string?>("--item") { Description = "restore only this item (needs --datastore)" };
        var restore = store.AddTo(new Command("restore", "Restore an item, a datastore or the whole account to a point in time") { resUser, at, resStore, resItem, retention });
        restore.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => RestoreAsync(target, io, pr.GetValue(resUser)!, pr.GetValue(at), pr.GetValue(resStore), pr.GetValue(resItem), pr.GetValue(retention), ct)));

        return new Command("history", "Item history: versions, deleted items, point-in-time restore") { list, deleted, restore };
    }

    private static async Task<int> ListAsync(StoreTarget target, InvocationConfiguration io, string name, string storeName, string itemId, CancellationToken ct)
    {
        if (!CliStore.TryKind(storeName, out var kind))
        {
            return CliErrors.Fail(io.Error, $"no datastore '{storeName}'");
        }

        await using var store = await target.OpenAsync(mayCreate: false, ct);
        if (await CliStore.FindUserAsync(store, name, ct) is not { } user)
        {
            return CliErrors.Fail(io.Error, $"no user '{name}'");
        }

        var versions = await History(store, 0).VersionsAsync(user.Id, kind, itemId, ct);
        if (versions.Count == 0)
        {
            return CliErrors.Fail(io.Error, $"no item {itemId} in {user.Name}'s {storeName}");
        }

        io.Output.WriteLine($"{"VERSION",7}  {"TIME",-20}  {"SIZE",8}  {"ORIGIN",-14}  STATE");
        foreach (var v in versions)
        {
            io.Output.WriteLine($"{v.Version,7}  {CliStore.Time(v.Time),-20}  {v.Size,8}  {v.Origin,-14}  {(v.Deleted ? "deleted" : "live")}");
        }

        return CliErrors.Ok;
    }

    private static async Task<int> DeletedAsync(StoreTarget target, InvocationConfiguration io, string name, string? storeName, CancellationToken ct)
    {
        DatastoreKind? kind = null;
        if (storeName != null)
        {
            if (!CliStore.TryKind(storeName, out var k))
            {
                return CliErrors.Fail(io.Error, $"no datastore '{storeName}'");
            }

            kind = k;
        }

        await using var store = await target.OpenAsync(mayCreate: false, ct);
        if (await CliStore.FindUserAsync(store, name, ct) is not { } user)
        {
            return CliErrors.Fail(io.Error, $"no user '{name}'");
        }

        var deleted = await History(store, 0).ListDeletedAsync(user.Id, kind, 1000, ct);
        if (deleted.Count == 0)
        {
            io.Output.WriteLine($"no restorable deleted items of {user.Name}");
            return CliErrors.Ok;
        }

        io.Output.WriteLine($"{"ITEM",-36}  {"DELETED",-20}  {"BY",-14}  {"SIZE",8}");
        foreach (var d in deleted)
        {
            io.Output.WriteLine($"{d.ItemId,-36}  {CliStore.Time(d.DeletedAt),-20}  {d.DeletedBy,-14}  {d.LastVersion.Size,8}");
        }

        return CliErrors.Ok;
    }

    private static async Task<int> RestoreAsync(StoreTarget target, InvocationConfiguration io, string name, string? atText, string? storeName, string? itemId, int retentionDays, CancellationToken ct)
    {
        DateTimeOffset? at = null;
        if (atText != null)
        {
            if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return CliErrors.Fail(io.Error, $"'{atText}' is not a time (use ISO 8601, e.g. 2026-05-01T12:00:00Z)");
            }

            at = parsed;
        }

        var kind = DatastoreKind.Contacts;
        if (storeName != null && !CliStore.TryKind(storeName, out kind))
        {
            return CliErrors.Fail(io.Error, $"no datastore '{storeName}'");
        }

        if ((itemId != null && storeName == null) || (itemId == null && at == null))
        {
            return CliErrors.Fail(io.Error, "give --at TIME, and --datastore with --item");
        }

        await using var store = await target.OpenAsync(mayCreate: false, ct);
        if (await CliStore.FindUserAsync(store, name, ct) is not { } user)
        {
            return CliErrors.Fail(io.Error, $"no user '{name}'");
        }

        var history = History(store, retentionDays);
        try
        {
            var result = itemId != null ? await history.RestoreItemAsync(user.Id, kind, itemId, at, ct)
                : storeName != null ? await history.RestoreDatastoreAsync(user.Id, kind, at!.Value, ct)
                : await history.RestoreAccountAsync(user.Id, at!.Value, ct);
            io.Output.WriteLine($"restored {user.Name}: {result.Restored} items given an earlier version, {result.Deleted} deleted; devices receive it at their next sync");
            return CliErrors.Ok;
        }
        catch (RecoveryException e)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }
    }

    private static ItemHistory History(ICofferStore store, int retentionDays) =>
        new(store, ContentHandlers.CreateDefault(), new HistoryOptions { RetentionDays = retentionDays > 0 ? retentionDays : new HistoryOptions().RetentionDays }, TimeProvider.System);
}
