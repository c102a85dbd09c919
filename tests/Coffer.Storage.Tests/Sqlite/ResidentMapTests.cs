using System.Globalization;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>
/// The store keeps its file's pages mapped (<see cref="ResidentMap"/>), so pages it has never read are not left to a
/// kernel that reclaims idle unmapped file cache. Checked in the map's own entry of /proc/self/smaps.
/// </summary>
public sealed class ResidentMapTests : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-storage-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(dataDir, StorageOptions.SqliteFileName);

    public void Dispose()
    {
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Every_page_of_an_existing_store_is_mapped_after_opening_and_what_a_checkpoint_adds_after_the_next_commit()
    {
        long ds;
        await using (var first = NewStore())
        {
            ds = await FillAsync(first, null, 300);
        }

        Checkpoint();
        await using var store = NewStore();
        await store.InitializeAsync();
        if (!OperatingSystem.IsLinux())
        {
            store.Resident.ShouldBeNull();
            return;
        }

        var resident = store.Resident.ShouldNotBeNull();
        var size = new FileInfo(DatabasePath).Length;
        size.ShouldBeGreaterThan(300 * 2048);
        await resident.Prewarmed;
        resident.PopulatedBytes.ShouldBe(size);
        RssKiB(resident.Address).ShouldBeGreaterThanOrEqualTo(size / 1024);

        // Checkpointed by another connection: the file grows outside any commit of the store's, and its next commit maps it.
        await FillAsync(store, ds, 300);
        Checkpoint();
        var grown = new FileInfo(DatabasePath).Length;
        grown.ShouldBeGreaterThan(size + (300 * 2048));
        resident.PopulatedBytes.ShouldBe(size);
        await FillAsync(store, ds, 1);
        resident.PopulatedBytes.ShouldBe(grown);
        RssKiB(resident.Address).ShouldBeGreaterThanOrEqualTo(grown / 1024);

        await using var read = await store.BeginReadAsync();
        (await read.Items.CountLiveAsync(ds)).ShouldBe(601);
    }

    [Fact]
    public async Task The_limit_bounds_what_is_mapped_and_zero_turns_it_off()
    {
        await using (var first = NewStore())
        {
            await FillAsync(first, null, 100);
        }

        Checkpoint();
        await using (var off = NewStore(0))
        {
            await off.InitializeAsync();
            off.Resident.ShouldBeNull();
        }

        await using var bounded = NewStore(64 * 1024);
        await bounded.InitializeAsync();
        if (OperatingSystem.IsLinux())
        {
            var resident = bounded.Resident.ShouldNotBeNull();
            await resident.Prewarmed;
            resident.PopulatedBytes.ShouldBe(64 * 1024);
            RssKiB(resident.Address).ShouldBe(64);
        }
    }

    [Fact]
    public async Task A_data_directory_reached_through_a_symbolic_link_is_mapped_too()
    {
        // /proc/self/fd shows SQLite's descriptor by its real path; the store's own path goes through the link.
        Directory.CreateDirectory(dataDir);
        var link = dataDir + "-link";
        Directory.CreateSymbolicLink(link, dataDir);
        try
        {
            await using var store = new SqliteCofferStore(new StorageOptions { DataDir = link });
            await store.InitializeAsync();
            if (OperatingSystem.IsLinux())
            {
                var resident = store.Resident.ShouldNotBeNull();
                await resident.Prewarmed;
                resident.PopulatedBytes.ShouldBe(new FileInfo(DatabasePath).Length);
            }
        }
        finally
        {
            Directory.Delete(link);
        }
    }

    /// <summary>Resident KiB of the mapping that starts at <paramref name="address"/>, from /proc/self/smaps.</summary>
    private static long RssKiB(nint address)
    {
        var start = ((long)address).ToString("x", CultureInfo.InvariantCulture) + "-";
        var lines = File.ReadAllLines("/proc/self/smaps");
        var at = Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal));
        at.ShouldBeGreaterThanOrEqualTo(0, $"no mapping at {start} in /proc/self/smaps");
        var rss = lines.Skip(at + 1).First(l => l.StartsWith("Rss:", StringComparison.Ordinal));
        return long.Parse(rss["Rss:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static async Task<long> FillAsync(SqliteCofferStore store, long? datastore, int count)
    {
        await using var uow = await store.BeginAsync();
        var ds = datastore ?? (await uow.Datastores.EnsureAsync((await uow.Users.TryCreateAsync("alice", "h"))!.Id, DatastoreKind.Contacts)).Id;
        await uow.Items.AddAsync(ds, Enumerable.Range(0, count).Select(_ => new NewItem("image/jpeg", RealItems.Incompressible(2048), "import")).ToList());
        await uow.CommitAsync();
        return ds;
    }

    private SqliteCofferStore NewStore(long? limit = null) => new(new StorageOptions { DataDir = dataDir, ResidentLimitBytes = limit });

    private void Checkpoint()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        cmd.ExecuteNonQuery();
    }
}
