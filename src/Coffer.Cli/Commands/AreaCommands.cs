using System.CommandLine;
using Coffer.Cli.Configuration;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Recovery;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer area save|list|recover</c>: the storage area of seed 000 §5.3 (docs/history-and-recovery.md).</summary>
internal static class AreaCommands
{
    public static Command Create(StoreSelection store, ServerSettings settings)
    {
        var keep = new Option<int>("--keep") { Description = "generations kept per datastore (default: the server's Coffer:Area:Generations)", DefaultValueFactory = _ => settings.Section<StorageAreaOptions>("Coffer:Area").Generations };

        var saveUser = new Argument<string>("user");
        var saveStore = new Argument<string>("datastore") { Description = "contacts, events, tasks, notes, ..." };
        var save = store.AddTo(new Command("save", "Save a datastore's current data to the storage area") { saveUser, saveStore, keep });
        save.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => SaveAsync(target, io, pr.GetValue(saveUser)!, pr.GetValue(saveStore)!, pr.GetValue(keep), ct)));

        var listUser = new Argument<string>("user");
        var listStore = new Argument<string>("datastore");
        var list = store.AddTo(new Command("list", "List a datastore's saved generations, newest first") { listUser, listStore });
        list.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => ListAsync(target, io, pr.GetValue(listUser)!, pr.GetValue(listStore)!, ct)));

        var recUser = new Argument<string>("user");
        var recStore = new Argument<string>("datastore");
        var generation = new Argument<long>("generation") { Description = "a generation id from 'coffer area list'" };
        var recover = store.AddTo(new Command("recover", "Recover a saved generation into the datastore; every device's next sync is a slow sync") { recUser, recStore, generation });
        recover.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => RecoverAsync(target, io, pr.GetValue(recUser)!, pr.GetValue(recStore)!, pr.GetValue(generation), ct)));

        return new Command("area", "Save and recover datastores (the storage area)") { save, list, recover };
    }

    private static async Task<int> SaveAsync(StoreTarget target, InvocationConfiguration io, string name, string storeName, int keep, CancellationToken ct)
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

        var generation = await Area(store, keep).SaveAsync(user.Id, kind, "cli", ct);
        io.Output.WriteLine($"saved generation {generation.Id} of {user.Name}'s {Name(kind)}: {generation.ItemCount} items, {generation.Bytes} bytes");
        return CliErrors.Ok;
    }

    private static async Task<int> ListAsync(StoreTarget target, InvocationConfiguration io, string name, string storeName, CancellationToken ct)
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

        var generations = await Area(store, 1).ListAsync(user.Id, kind, ct);
        if (generations.Count == 0)
        {
            io.Output.WriteLine($"no saved generations of {user.Name}'s {Name(kind)}");
            return CliErrors.Ok;
        }

        io.Output.WriteLine($"{"GENERATION",10}  {"SAVED",-20}  {"ITEMS",7}  {"BYTES",10}  BY");
        foreach (var g in generations)
        {
            io.Output.WriteLine($"{g.Id,10}  {CliStore.Time(g.Created),-20}  {g.ItemCount,7}  {g.Bytes,10}  {g.Origin}");
        }

        return CliErrors.Ok;
    }

    private static async Task<int> RecoverAsync(StoreTarget target, InvocationConfiguration io, string name, string storeName, long generation, CancellationToken ct)
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

        try
        {
            var result = await Area(store, 1).RecoverAsync(user.Id, kind, generation, ct);
            io.Output.WriteLine($"recovered generation {generation} of {user.Name}'s {Name(kind)}: {result.Restored} items restored, {result.Deleted} deleted; " +
                $"{result.DevicesMarked} device(s) will slow-sync next");
            return CliErrors.Ok;
        }
        catch (RecoveryException e)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }
    }

    private static StorageArea Area(ICofferStore store, int keep) =>
        new(store, ContentHandlers.CreateDefault(), new StorageAreaOptions { Generations = keep });

    private static string Name(DatastoreKind kind) => kind.ToString().ToLowerInvariant();
}
