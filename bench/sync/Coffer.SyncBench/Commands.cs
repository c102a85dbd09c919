using System.Diagnostics;
using System.Globalization;
using System.Text;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Content;
using Coffer.Sync.Datastores;

namespace Coffer.SyncBench;

/// <summary>
/// <c>coffer-syncbench seed|dump</c>: direct access to a stopped Coffer server's store for the sync benchmarks
/// (bench/sync). Seeding writes items exactly as the engine would have stored them after a slow sync: normalized by
/// the same content handler, with the same identity key, so the phone's later slow sync finds every item as a twin.
/// </summary>
public static class Commands
{
    private const int Batch = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        var a = new Args(args);
        try
        {
            return a.Command switch
            {
                "seed" => await SeedAsync(a.Required("--data"), a.Required("--user"), a.Required("--from"), a.Optional("--type") ?? "text/x-vcard"),
                "dump" => await DumpAsync(a.Required("--data"), a.Required("--user"), int.Parse(a.Optional("--limit") ?? "3", CultureInfo.InvariantCulture)),
                "count" => await CountAsync(a.Required("--data"), a.Required("--user")),
                "check" => await CheckAsync(a.Required("--data"), a.Required("--user"), a.Required("--from"), a.Optional("--type") ?? "text/x-vcard"),
                "engine" => await new EngineRun(
                    int.Parse(a.Optional("--items") ?? "10000", CultureInfo.InvariantCulture),
                    int.Parse(a.Optional("--rounds") ?? "5", CultureInfo.InvariantCulture),
                    Cards(a.Required("--from"))).RunAsync(),
                "engine-twoway" => await EngineRun.TwoWayAsync(
                    [.. (a.Optional("--sizes") ?? "1000 100000").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture))],
                    int.Parse(a.Optional("--rounds") ?? "7", CultureInfo.InvariantCulture),
                    Cards(a.Required("--from")),
                    a.Optional("--cold") == "yes",
                    a.Optional("--evict") == "yes"),
                "formats" => FormatsRun.Run(Cards(a.Required("--from")), int.Parse(a.Optional("--rounds") ?? "8", CultureInfo.InvariantCulture)),
                _ => Usage(),
            };
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"coffer-syncbench: {ex.Message}");
            return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: coffer-syncbench seed  --data DIR --user NAME --from ITEMDIR [--type text/x-vcard]
                   coffer-syncbench dump  --data DIR --user NAME [--limit N]
                   coffer-syncbench count --data DIR --user NAME
                   coffer-syncbench check --data DIR --user NAME --from ITEMDIR [--type text/x-vcard]
                   coffer-syncbench engine --from ITEMDIR [--items 10000] [--rounds 5]
                   coffer-syncbench engine-twoway --from ITEMDIR [--sizes "1000 100000"] [--rounds 7] [--cold yes] [--evict yes]
                   coffer-syncbench formats --from ITEMDIR [--rounds 8]
            check: exit 0 when the live contacts are exactly the items of ITEMDIR (same identity keys, same text).
            ITEMDIR holds one item per file, exactly as the phone sends it (see bench/README.md).
            engine: the sync engine in process (no HTTP, no client): per round a new account is slow-synced with the first
            --items cards of ITEMDIR, then an empty phone receives them all; prints server CPU per item.
            engine-twoway: per size a new account is slow-synced with that many cards, then --rounds two-way syncs of
            15 changes are measured (engine CPU per session) and the ratio of the medians is printed; --cold yes starts
            each round with SQLite's connection pool cleared (empty page caches); --evict yes writes the store's files back
            and drops them from the OS page cache (mapped pages stay) between messages 1 and 2 of each round, as a phone
            scanning 100,000 contacts lets the kernel do (bench/README.md (b)); needs sync and dd. Each round also shows
            the major page faults and the KiB read from disk. COFFER_SYNCBENCH_KEEP=1 keeps the store (its path is printed).
            formats: a slow sync's work per incoming contact before storage (normalize, and parse, write, identity key
            alone), µs and bytes allocated per card, best of --rounds loops over ITEMDIR.
            """);
        return 2;
    }

    private static List<string> Cards(string from)
    {
        var cards = Directory.GetFiles(from).Order(StringComparer.Ordinal).Select(f => File.ReadAllText(f, Encoding.UTF8)).ToList();
        return cards.Count > 0 ? cards : throw new ArgumentException($"{from} holds no items");
    }

    /// <summary>Adds every file of <paramref name="from"/> to the user's contacts, in batches, as the engine would.</summary>
    private static async Task<int> SeedAsync(string data, string userName, string from, string type)
    {
        var files = Directory.GetFiles(from).Order(StringComparer.Ordinal).ToList();
        var handler = ContentHandlers.CreateDefault().For(DatastoreKind.Contacts, type);
        var sw = Stopwatch.StartNew();
        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = data }, TimeProvider.System);
        await store.InitializeAsync();
        long datastoreId;
        byte[] secret;
        await using (var uow = await store.BeginAsync())
        {
            var user = await uow.Users.FindByNameAsync(userName) ?? throw new ArgumentException($"no user '{userName}' in {data}");
            secret = user.IdentitySecret;
            datastoreId = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
            await uow.CommitAsync();
        }

        for (var start = 0; start < files.Count; start += Batch)
        {
            var batch = new List<NewItem>(Batch);
            foreach (var file in files.Skip(start).Take(Batch))
            {
                var norm = handler.Normalize(await File.ReadAllTextAsync(file, Encoding.UTF8), type);
                var contentType = norm.ContentType;
                batch.Add(new NewItem(contentType, Encoding.UTF8.GetBytes(norm.Text), "import", IdentityKey.Compute(secret, norm.IdentityKey)));
            }

            await using var uow = await store.BeginAsync();
            await uow.Items.AddAsync(datastoreId, batch);
            await uow.CommitAsync();
        }

        Console.WriteLine($"seeded {files.Count} items into {userName}'s contacts ({DatastoreCatalog.StoredType(DatastoreKind.Contacts)} datastore {datastoreId}) in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>Proves the seeding input right: a real slow sync stored exactly what seeding would have written.</summary>
    private static async Task<int> CheckAsync(string data, string userName, string from, string type)
    {
        var handler = ContentHandlers.CreateDefault().For(DatastoreKind.Contacts, type);
        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = data }, TimeProvider.System);
        await using var uow = await store.BeginReadAsync();
        var user = await uow.Users.FindByNameAsync(userName) ?? throw new ArgumentException($"no user '{userName}' in {data}");
        var ds = await uow.Datastores.GetAsync(user.Id, DatastoreKind.Contacts) ?? throw new ArgumentException($"{userName} has no contacts yet");
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(from))
        {
            var norm = handler.Normalize(await File.ReadAllTextAsync(file, Encoding.UTF8), type);
            expected[Convert.ToHexString(IdentityKey.Compute(user.IdentitySecret, norm.IdentityKey))] = norm.Text;
        }

        var stored = await uow.Items.ListLiveAsync(ds.Id, 0, int.MaxValue);
        var bad = 0;
        foreach (var item in stored)
        {
            var key = Convert.ToHexString(item.IdentityKey ?? []);
            if (!expected.Remove(key, out var text) || text != Encoding.UTF8.GetString(item.Content ?? []))
            {
                bad++;
                Console.WriteLine($"stored item {item.Id} is not what seeding would write:\n{Encoding.UTF8.GetString(item.Content ?? [])}");
            }
        }

        Console.WriteLine($"check: {stored.Count} stored, {bad} differ, {expected.Count} expected but missing");
        return bad == 0 && expected.Count == 0 ? 0 : 1;
    }

    private static async Task<int> DumpAsync(string data, string userName, int limit)
    {
        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = data }, TimeProvider.System);
        await using var uow = await store.BeginReadAsync();
        var user = await uow.Users.FindByNameAsync(userName) ?? throw new ArgumentException($"no user '{userName}' in {data}");
        var ds = await uow.Datastores.GetAsync(user.Id, DatastoreKind.Contacts) ?? throw new ArgumentException($"{userName} has no contacts yet");
        foreach (var item in await uow.Items.ListLiveAsync(ds.Id, 0, limit))
        {
            Console.WriteLine($"--- {item.Id} seq {item.Sequence} origin {item.Origin} type {item.ContentType} key {Convert.ToHexString(item.IdentityKey ?? [])[..16]}");
            Console.Write(Encoding.UTF8.GetString(item.Content ?? []).Replace("\r", "\\r", StringComparison.Ordinal));
            Console.WriteLine("<<<");
        }

        return 0;
    }

    private static async Task<int> CountAsync(string data, string userName)
    {
        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = data }, TimeProvider.System);
        await using var uow = await store.BeginReadAsync();
        var user = await uow.Users.FindByNameAsync(userName) ?? throw new ArgumentException($"no user '{userName}' in {data}");
        var ds = await uow.Datastores.GetAsync(user.Id, DatastoreKind.Contacts) ?? throw new ArgumentException($"{userName} has no contacts yet");
        Console.WriteLine(await uow.Items.CountLiveAsync(ds.Id));
        return 0;
    }
}
