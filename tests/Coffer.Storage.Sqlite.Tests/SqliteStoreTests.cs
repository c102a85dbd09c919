using Coffer.Storage.Tests;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Coffer.Storage.Sqlite.Tests;

/// <summary>What only the SQLite backend has: the file, WAL, migrations, the stored blob format, the query plans.</summary>
public sealed class SqliteStoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task First_use_creates_the_database_in_wal_mode_at_the_latest_schema_and_reopening_keeps_data()
    {
        long user;
        await using (var store = NewStore())
        {
            await using var uow = await store.BeginAsync();
            user = (await uow.Users.TryCreateAsync("alice", "h"))!.Id;
            await uow.CommitAsync();
        }

        File.Exists(Path.Combine(dataDir, SqliteCofferStore.FileName)).ShouldBeTrue();
        Scalar("PRAGMA journal_mode").ShouldBe("wal");
        Scalar("SELECT group_concat(version) FROM schema_version").ShouldBe(string.Join(',', SqliteMigrations.All.Select(m => m.Version)));

        await using (var store = NewStore())
        {
            await using var uow = await store.BeginReadAsync();
            (await uow.Users.GetAsync(user))!.Name.ShouldBe("alice");
        }

        Scalar("SELECT COUNT(*) FROM schema_version").ShouldBe((long)SqliteMigrations.All.Count);
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused()
    {
        await using (var store = NewStore())
        {
            await store.InitializeAsync();
        }

        Scalar("INSERT INTO schema_version (version, applied) VALUES (999, 0)");
        await using var newer = NewStore();
        (await Should.ThrowAsync<StorageException>(() => newer.BeginAsync())).Message.ShouldContain("999");
    }

    [Fact]
    public async Task Stored_payload_is_zstd_with_the_vcard_dictionary_behind_the_header_and_only_in_item_versions()
    {
        var vcard = RealItems.Contacts.OrderByDescending(c => c.Length).First();
        await using (var store = NewStore())
        {
            await using var uow = await store.BeginAsync();
            var user = (await uow.Users.TryCreateAsync("alice", "h"))!.Id;
            var ds = (await uow.Datastores.EnsureAsync(user, DatastoreKind.Contacts)).Id;
            await uow.Items.AddAsync(ds, [new NewItem("text/vcard", vcard, "import"), new NewItem("image/jpeg", RealItems.Incompressible(2048), "import")]);
            await uow.CommitAsync();
        }

        var blobs = Query("SELECT payload FROM item_versions ORDER BY seq").Select(r => (byte[])r!).ToList();
        var text = PayloadHeader.Read(blobs[0]);
        text.Compression.ShouldBe(PayloadCompression.Zstd);
        text.DictionaryId.ShouldBe(PayloadDictionaries.VCard);
        text.ContentLength.ShouldBe(vcard.Length);
        blobs[0].Length.ShouldBeLessThan(vcard.Length / 2);
        PayloadHeader.Read(blobs[1]).Compression.ShouldBe(PayloadCompression.None);
        Scalar("SELECT COUNT(*) FROM pragma_table_info('items') WHERE name = 'payload'").ShouldBe(0L);
    }

    [Theory]
    [InlineData("SELECT * FROM items i WHERE i.datastore_id = 1 AND i.seq > 5 ORDER BY i.seq LIMIT 10", "items_changes")]
    [InlineData("SELECT * FROM items i WHERE i.datastore_id = 1 AND i.deleted = 0 AND i.seq > 5 ORDER BY i.seq LIMIT 10", "items_live")]
    [InlineData("SELECT * FROM items i WHERE i.datastore_id = 1 AND i.identity_key = x'00' AND i.identity_key IS NOT NULL AND i.deleted = 0", "items_identity")]
    [InlineData("SELECT luid FROM id_maps WHERE device_id = 1 AND datastore_id = 1 AND item_id = 'g'", "id_maps_guid")]
    [InlineData("DELETE FROM sessions WHERE expires <= 5", "sessions_expires")]
    public async Task Engine_queries_use_an_index_not_a_scan(string sql, string index)
    {
        await using (var store = NewStore())
        {
            await store.InitializeAsync();
        }

        var plan = string.Join(" | ", Query("EXPLAIN QUERY PLAN " + sql, column: 3));
        output.WriteLine(plan);
        plan.ShouldContain(index);
        plan.ShouldNotContain("SCAN");
    }

    /// <summary>
    /// The repository's own twin query, not a copy: with its ORDER BY seq, SQLite preferred items_live and scanned
    /// the whole datastore once per incoming item, so a slow sync of 10,000 contacts took 33 s of server CPU.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Slow_sync_twin_lookup_searches_the_identity_index_instead_of_scanning_the_datastore(bool withContent)
    {
        await using (var store = NewStore())
        {
            await store.InitializeAsync();
        }

        var sql = withContent ? SqliteItemRepository.FindByIdentityKeyWithPayload : SqliteItemRepository.FindByIdentityKeyWithoutPayload;
        var plan = string.Join(" | ", Query("EXPLAIN QUERY PLAN " + sql.Replace("$ds", "1", StringComparison.Ordinal).Replace("$ik", "x'00'", StringComparison.Ordinal), column: 3));
        output.WriteLine(plan);
        plan.ShouldContain("USING INDEX items_identity (datastore_id=? AND identity_key=?)");
        plan.ShouldNotContain("items_live");
        plan.ShouldNotContain("SCAN");
    }

    [Theory]
    [InlineData("luids", "USING PRIMARY KEY (device_id=? AND datastore_id=? AND luid=?)")]
    [InlineData("guids", "USING COVERING INDEX id_maps_guid (device_id=? AND datastore_id=? AND item_id=?)")]
    public async Task Map_lookups_of_a_page_of_keys_probe_an_index_once_per_key(string by, string search)
    {
        await using (var store = NewStore())
        {
            await store.InitializeAsync();
        }

        var sql = by == "luids" ? SqliteIdMapRepository.GuidsByLuids : SqliteIdMapRepository.LuidsByGuids;
        var plan = string.Join(" | ", Query(
            "EXPLAIN QUERY PLAN " + sql.Replace("$dev", "1", StringComparison.Ordinal).Replace("$ds", "1", StringComparison.Ordinal).Replace("$keys", "'[\"a\",\"b\"]'", StringComparison.Ordinal),
            column: 3));
        output.WriteLine(plan);
        plan.ShouldContain("SEARCH id_maps " + search);
        plan.ShouldNotContain("SCAN id_maps");
    }

    [Fact]
    public async Task Loading_a_page_of_items_by_id_probes_the_primary_key_once_per_id()
    {
        await using (var store = NewStore())
        {
            await store.InitializeAsync();
        }

        var plan = string.Join(" | ", Query(
            "EXPLAIN QUERY PLAN " + SqliteItemRepository.ItemsByIds.Replace("$ds", "1", StringComparison.Ordinal).Replace("$ids", "'[\"a\",\"b\"]'", StringComparison.Ordinal),
            column: 3));
        output.WriteLine(plan);
        plan.ShouldMatch(@"SEARCH i USING (INDEX sqlite_autoindex_items_1|PRIMARY KEY) \(id=\?\)");
        plan.ShouldMatch(@"SEARCH v USING (INDEX sqlite_autoindex_item_versions_1|PRIMARY KEY) \(item_id=\? AND version=\?\)");
        plan.ShouldNotMatch(@"SCAN (i|v)\b");
    }

    [Fact]
    public async Task Writers_of_one_process_queue_for_the_write_lock_instead_of_timing_out()
    {
        // A busy timeout far shorter than the first writer's transaction: SQLite's own wait would give up.
        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = dataDir, BusyTimeout = TimeSpan.FromMilliseconds(50) });
        var first = await store.BeginAsync();
        await first.Users.TryCreateAsync("alice", "h");

        var second = Task.Run(async () =>
        {
            await using var uow = await store.BeginAsync();
            (await uow.Users.TryCreateAsync("bob", "h")).ShouldNotBeNull();
            await uow.CommitAsync();
        });
        // Longer than the busy timeout and the driver's own retry (DefaultTimeout, whole seconds) together.
        await Task.Delay(1500);
        second.IsCompleted.ShouldBeFalse("the second writer waits while the first holds the lock");
        await first.CommitAsync();
        await first.DisposeAsync();
        await second;

        await using var read = await store.BeginReadAsync();
        (await read.Users.ListAsync()).Select(u => u.Name).ShouldBe(["alice", "bob"]);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Data_directory_and_database_files_are_the_owners_alone()
    {
        await using (var store = NewStore())
        {
            await using var uow = await store.BeginAsync();
            await uow.Users.TryCreateAsync("alice", "h");
            await uow.CommitAsync();
        }

        File.GetUnixFileMode(dataDir).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(dataDir, SqliteCofferStore.FileName)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private SqliteCofferStore NewStore() => new(new StorageOptions { DataDir = dataDir });

    private object? Scalar(string sql) => Query(sql).FirstOrDefault();

    private List<object?> Query(string sql, int column = 0)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, SqliteCofferStore.FileName)};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?>();
        while (reader.Read())
        {
            rows.Add(reader.IsDBNull(column) ? null : reader.GetValue(column));
        }

        return rows;
    }
}
