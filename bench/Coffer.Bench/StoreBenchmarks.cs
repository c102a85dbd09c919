using System.Text;
using BenchmarkDotNet.Attributes;
using Coffer.Storage;
using Coffer.Storage.Sqlite;

namespace Coffer.Bench;

/// <summary>
/// One benchmark per store operation, on the SQLite backend in a temporary directory, with the server's options:
/// Brotli payload codec (the ~400-byte cards stay below its 1 KB threshold and are stored raw, as a server stores
/// contacts) and, with <see cref="FlushEveryCommit"/> true, an fsync on every commit; false isolates the SQL cost.
/// The adds go to their own datastore, so the reads always see the same 10,000 items.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int Seeded = 10_000;
    private const int UnitOfWork = 100;

    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-bench-store", Guid.NewGuid().ToString("N"));
    private SqliteCofferStore store = null!;
    private long readDatastore;
    private long writeDatastore;
    private long middleSequence;
    private string[] someIds = [];
    private byte[][] cards = [];
    private int nextCard;

    [Params(true, false)]
    public bool FlushEveryCommit { get; set; } = true;

    [GlobalSetup]
    public void GlobalSetup() => GlobalSetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(dataDir, recursive: true);
    }

    [Benchmark(Description = "Add 100 items (one unit of work)")]
    public async Task<IReadOnlyList<StoredItem>> Add()
    {
        var batch = new NewItem[UnitOfWork];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = new NewItem("text/vcard", cards[nextCard++ % cards.Length], "device:bench");
        }

        await using var uow = await store.BeginAsync();
        var added = await uow.Items.AddAsync(writeDatastore, batch);
        await uow.CommitAsync();
        return added;
    }

    [Benchmark(Description = "Changes since: page of 500 with content")]
    public async Task<IReadOnlyList<StoredItem>> ChangesSince()
    {
        await using var uow = await store.BeginReadAsync();
        return await uow.Items.GetChangesSinceAsync(readDatastore, middleSequence, 500);
    }

    [Benchmark(Description = "Get 10 items by id with content")]
    public async Task<IReadOnlyList<StoredItem>> GetByIds()
    {
        await using var uow = await store.BeginReadAsync();
        return await uow.Items.GetAsync(readDatastore, someIds);
    }

    private async Task GlobalSetupAsync()
    {
        store = new SqliteCofferStore(new StorageOptions { DataDir = dataDir, FlushEveryCommit = FlushEveryCommit });
        cards = [.. Enumerable.Range(0, Seeded).Select(i => Encoding.UTF8.GetBytes(BenchData.VCard(i)))];

        await using (var uow = await store.BeginAsync())
        {
            var reader = (await uow.Users.TryCreateAsync("reader", "h"))!.Id;
            var writer = (await uow.Users.TryCreateAsync("writer", "h"))!.Id;
            readDatastore = (await uow.Datastores.EnsureAsync(reader, DatastoreKind.Contacts)).Id;
            writeDatastore = (await uow.Datastores.EnsureAsync(writer, DatastoreKind.Contacts)).Id;
            await uow.CommitAsync();
        }

        var seeded = new List<StoredItem>(Seeded);
        foreach (var chunk in cards.Chunk(UnitOfWork))
        {
            await using var uow = await store.BeginAsync();
            seeded.AddRange(await uow.Items.AddAsync(readDatastore, [.. chunk.Select(c => new NewItem("text/vcard", c, "device:bench"))]));
            await uow.CommitAsync();
        }

        middleSequence = seeded[Seeded / 2].Sequence;
        someIds = [.. Enumerable.Range(0, 10).Select(i => seeded[i * 997 % Seeded].Id)];
    }
}
