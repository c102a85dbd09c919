using System.CommandLine;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Recovery;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer area save|list|recover</c>: the storage area of seed 000 §5.3 (docs/history-and-recovery.md).</summary>
internal static class AreaCommands
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the server's data directory", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var keep = new Option<int>("--keep") { Description = "generations kept per datastore (the server's Coffer:Area:Generations)", DefaultValueFactory = _ => new StorageAreaOptions().Generations };

        var saveUser = new Argument<string>("user");
        var saveStore = new Argument<string>("datastore") { Description = "contacts, events, tasks, notes, ..." };
        var save = new Command("save", "Save a datastore's current data to the storage area") { saveUser, saveStore, keep, data };
        save.SetAction((pr, ct) => SaveAsync(pr.GetValue(data)!, pr.GetValue(saveUser)!, pr.GetValue(saveStore)!, pr.GetValue(keep), ct));

        var listUser = new Argument<string>("user");
        var listStore = new Argument<string>("datastore");
        var list = new Command("list", "List a datastore's saved generations, newest first") { listUser, listStore, data };
        list.SetAction((pr, ct) => ListAsync(pr.GetValue(data)!, pr.GetValue(listUser)!, pr.GetValue(listStore)!, ct));

        var recUser = new Argument<string>("user");
        var recStore = new Argument<string>("datastore");
        var generation = new Argument<long>("generation") { Description = "a generation id from 'coffer area list'" };
        var recover = new Command("recover", "Recover a saved generation into the datastore; every device's next sync is a slow sync") { recUser, recStore, generation, data };
        recover.SetAction((pr, ct) => RecoverAsync(pr.GetValue(data)!, pr.GetValue(recUser)!, pr.GetValue(recStore)!, pr.GetValue(generation), ct));

        return new Command("area", "Save and recover datastores (the storage area)") { save, list, recover };
    }

    private static async Task<int> SaveAsync(DirectoryInfo data, string name, string storeName, int keep, CancellationToken ct)
    {
        if (!CliStore.TryKind(storeName, out var kind))
        {
            return CliErrors.Fail($"no datastore '{storeName}'");
        }

        await using var store = CliStore.Open(data);
        if (await CliStore.FindUserAsync(store, name, ct) is not { } user)
        {
            return CliErrors.Fail($"no user '{name}'");
        }

        var generation = await Area(store, keep).SaveAsync(user.Id, kind, "cli", ct);
        Console.WriteLine($"saved generation {generation.Id} of {user.Name}'s {Name(kind)}: {generation.ItemCount} items, {generation.Bytes} bytes");
        return CliErrors.Ok;
    }

    private static async Task<int> ListAsync(DirectoryInfo data, string name, string storeName, CancellationToken ct)
    {
        if (!CliStore.TryKind(storeName, out var kind))
        {
            return CliErrors.Fail($"no datastore '{storeName}'");
        }

        await using var store = CliStore.Open(data);
        if (await CliStore.FindUserAsync(store, name, ct) is not { } user)
        {
            return CliErrors.Fail($"no user '{name}'");
        }

        var generations = await Area(store, 1).ListAsync(user.Id, kind, ct);
        if (generations.Count == 0)
        {
            Console.WriteLine($"no saved generations of {user.Name}'s {Name(kind)}");
            return CliErrors.Ok;
        }

        Console.WriteLine($"{"GENERATION",10}  {"SAVED",-20}  {"ITEMS",7}  {"BYTES",10}  BY");
        foreach (var g in generations)
        {
            Console.WriteLine($"{g.Id,10}  {CliStore.Time(g.Created),-20}  {g.ItemCount,7}  {g.Bytes,10}  {g.Origin}");
        }

        return CliErrors.Ok;
    }

    private static async Task<int> RecoverAsync(DirectoryInfo data, string name, string storeName, long generation, CancellationToken ct)
    {
        if (!CliStore.TryKind(storeName, out var kind))
        {
            return CliErrors.Fail($"no datastore '{storeName}'");
        }

        await using var store = CliStore.Open(data);
        if (await CliStore.FindUserAsync(store, name, ct) is not { } user)
        {
            return CliErrors.Fail($"no user '{name}'");
        }

        try
        {
            var result = await Area(store, 1).RecoverAsync(user.Id, kind, generation, ct);
            Console.WriteLine($"recovered generation {generation} of {user.Name}'s {Name(kind)}: {result.Restored} items restored, {result.Deleted} deleted; " +
                $"{result.DevicesMarked} device(s) will slow-sync next");
            return CliErrors.Ok;
        }
        catch (RecoveryException e)
        {
            return CliErrors.Fail(e.Message);
        }
    }

    private static StorageArea Area(ICofferStore store, int keep) =>
        new(store, ContentHandlers.CreateDefault(), new StorageAreaOptions { Generations = keep });

    private static string Name(DatastoreKind kind) => kind.ToString().ToLowerInvariant();
}
