using Coffer.Storage.Postgres;
using Coffer.TestData;
using Npgsql;
using Xunit.Abstractions;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>What only the PostgreSQL backend has: migrations in the database, session settings, the user's row lock, the query plans.</summary>
public sealed class PostgresStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-storage-tests", Guid.NewGuid().ToString("N"));
    private string database = null!;

    private static PostgresCluster Cluster => PostgresCluster.Shared;

    public async Task InitializeAsync() => database = await Cluster.CreateDatabaseAsync("pgstore");

    public async Task DisposeAsync()
    {
        await Cluster.DropDatabaseAsync(database);

        // The master key file (docs/security.md) lives in the data directory.
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task First_use_migrates_to_the_latest_schema_and_reopening_keeps_data()
    {
        long user;
        await using (var store = NewStore())
        {
            await using var uow = await store.BeginAsync();
            user = (await uow.Users.TryCreateAsync("alice", "h"))!.Id;
            await uow.CommitAsync();
        }

        (await ScalarAsync("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version")).ShouldBe(string.Join(',', Enumerable.Range(1, PgMigrations.Latest)));
        await using (var store = NewStore())
        {
            await using var uow = await store.BeginReadAsync();
            (await uow.Users.GetAsync(user))!.Name.ShouldBe("alice");
        }

        (await ScalarAsync("SELECT COUNT(*) FROM schema_version")).ShouldBe((long)PgMigrations.Latest);
    }

    [Fact]
    public async Task A_write_that_reaches_a_read_only_server_is_transient_and_a_broken_rule_is_not()
    {
        await using (var store = NewStore())
        {
            await using var uow = await store.BeginAsync();
            (await uow.Users.TryCreateAsync("alice", "h")).ShouldNotBeNull();
            await uow.CommitAsync();
        }

        // What a node meets while its connection string's other host is a standby not yet promoted: SQLSTATE 25006.
        await using var standbyLike = new PostgresCofferStore(
            Cluster.ConnectionString(database) + ";Options=-c default_transaction_read_only=on",
            new StorageOptions { DataDir = dataDir });
        var refused = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var uow = await standbyLike.BeginAsync();
            await uow.Users.TryCreateAsync("bob", "h");
            await uow.CommitAsync();
        });
        standbyLike.IsTransient(refused).ShouldBeTrue(refused.ToString());

        await using var store2 = NewStore();
        var duplicate = await Should.ThrowAsync<Exception>(() => ScalarAsync("INSERT INTO users (name, name_key, password_hash, identity_secret, created, password_changed) SELECT name, name_key, password_hash, identity_secret, created, password_changed FROM users"));
        store2.IsTransient(duplicate).ShouldBeFalse("a unique violation fails again however often it runs");
        store2.IsTransient(new InvalidOperationException("a bug")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused()
    {
        await using (var store = NewStore())
        {
            await store.InitializeAsync();
        }

        await ScalarAsync("INSERT INTO schema_version (version, applied) VALUES (999, 0)");
        await using var newer = NewStore();
        (await Should.ThrowAsync<StorageException>(() => newer.BeginAsync())).Message.ShouldContain("999");
    }

    [Theory]
    [InlineData(true, "on")]
    [InlineData(false, "off")]
    public async Task Session_settings_come_from_the_storage_options(bool flush, string expected)
    {
        await using var store = NewStore(flush);
        await using var uow = (PostgresUnitOfWork)await store.BeginAsync();
        (await uow.ScalarAsync("SHOW synchronous_commit", default)).ShouldBe(expected);
        (await uow.ScalarAsync("SHOW lock_timeout", default)).ShouldBe("30s");
    }

    [Fact]
    public async Task Stored_payload_goes_through_the_codec_into_bytea_only_in_item_versions()
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

        var blobs = await QueryAsync("SELECT payload FROM item_versions ORDER BY seq");
        var text = PayloadHeader.Read((byte[])blobs[0]);
        text.Compression.ShouldBe(PayloadCompression.Zstd);
        text.DictionaryId.ShouldBe(PayloadDictionaries.VCard);
        text.ContentLength.ShouldBe(vcard.Length);
        ((byte[])blobs[0]).Length.ShouldBeLessThan(vcard.Length / 2);
        PayloadHeader.Read((byte[])blobs[1]).Compression.ShouldBe(PayloadCompression.None);
        (await ScalarAsync("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'payload'")).ShouldBe(0L);
    }

    /// <summary>
    /// The second writer of a user waits on the first one's lock of the user's row (seen in pg_stat_activity, not timed), then
    /// continues the sequence; a writer of another user goes on meanwhile.
    /// </summary>
    [Fact]
    public async Task Writers_of_one_user_wait_for_each_other_and_writers_of_another_user_do_not()
    {
        await using var store = NewStore();
        long alice, bob;
        await using (var setup = await store.BeginAsync())
        {
            alice = (await setup.Datastores.EnsureAsync((await setup.Users.TryCreateAsync("alice", "h"))!.Id, DatastoreKind.Contacts)).Id;
            bob = (await setup.Datastores.EnsureAsync((await setup.Users.TryCreateAsync("bob", "h"))!.Id, DatastoreKind.Contacts)).Id;
            await setup.CommitAsync();
        }

        var first = await store.BeginAsync();
        var firstAdded = await first.Items.AddAsync(alice, [new NewItem("text/plain", "1"u8.ToArray(), "web")]);

        var second = Task.Run(async () =>
        {
            await using var uow = await store.BeginAsync();
            var added = await uow.Items.AddAsync(alice, [new NewItem("text/plain", "2"u8.ToArray(), "web")]);
            await uow.CommitAsync();
            return added[0].Sequence;
        });

        await using (var other = await store.BeginAsync())
        {
            (await other.Items.AddAsync(bob, [new NewItem("text/plain", "b"u8.ToArray(), "web")]))[0].Sequence.ShouldBe(1);
            await other.CommitAsync();
        }

        while (!second.IsCompleted && (long)(await ScalarAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))! == 0)
        {
            await Task.Delay(20);
        }

        second.IsCompleted.ShouldBeFalse("the second writer of alice must wait for the first");
        await first.CommitAsync();
        await first.DisposeAsync();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(firstAdded[0].Sequence + 1);
    }

    /// <summary>
    /// A new database's first large commit gives the item and map tables statistics: without them the planner took a
    /// (device, datastore) prefix scan of the map's GUID index for a LUID lookup, one scan of the whole map per item.
    /// </summary>
    [Fact]
    public async Task The_first_large_commit_gives_young_tables_statistics_and_lookups_their_exact_index()
    {
        await using var store = NewStore();
        await using (var uow = await store.BeginAsync())
        {
            var user = (await uow.Users.TryCreateAsync("alice", "h"))!.Id;
            var ds = (await uow.Datastores.EnsureAsync(user, DatastoreKind.Contacts)).Id;
            var device = (await uow.Devices.RegisterAccessAsync(user, "IMEI:1")).Id;
            var added = await uow.Items.AddAsync(ds, Enumerable.Range(0, 150).Select(i => new NewItem("text/plain", BitConverter.GetBytes(i), "web")).ToList());
            await uow.IdMaps.UpsertAsync(device, ds, added.Select((a, i) => new IdMapEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Id)).ToList());
            (await ScalarAsync("SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname = 'id_maps' AND last_analyze IS NOT NULL")).ShouldBe(0L);
            await uow.CommitAsync();
        }

        (await ScalarAsync("SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname IN ('items', 'item_versions', 'id_maps') AND last_analyze IS NOT NULL")).ShouldBe(3L);
        var plan = string.Join(" | ", await QueryAsync("SET enable_seqscan = off; EXPLAIN SELECT item_id FROM id_maps WHERE device_id = 1 AND datastore_id = 1 AND luid = '7'"));
        output.WriteLine(plan);
        plan.ShouldContain("Index Cond: ((device_id = 1) AND (datastore_id = 1) AND (luid = '7'::text))");
    }

    [Theory]
    [InlineData("SELECT * FROM items i WHERE i.datastore_id = 1 AND i.seq > 5 ORDER BY i.seq LIMIT 10", "items_changes")]
    [InlineData("SELECT * FROM items i WHERE i.datastore_id = 1 AND NOT i.deleted AND i.seq > 5 ORDER BY i.seq LIMIT 10", "items_live")]
    [InlineData("SELECT * FROM items i WHERE i.datastore_id = 1 AND i.identity_key = '\\x00'::bytea AND i.identity_key IS NOT NULL AND NOT i.deleted ORDER BY i.seq", "items_identity")]
    [InlineData("SELECT luid FROM id_maps WHERE device_id = 1 AND datastore_id = 1 AND item_id = 'g'", "id_maps_guid")]
    [InlineData("DELETE FROM sessions WHERE expires <= 5", "sessions_expires")]
    public async Task Engine_queries_can_use_their_index(string sql, string index)
    {
        await using (var store = NewStore())
        {
            await store.InitializeAsync();
        }

        // The tables are empty, where a sequential scan is cheapest: forbid it to see which index the query can use.
        var plan = string.Join(" | ", await QueryAsync("SET enable_seqscan = off; EXPLAIN " + sql));
        output.WriteLine(plan);
        plan.ShouldContain(index);
    }

    private PostgresCofferStore NewStore(bool flush = true) =>
        new(Cluster.ConnectionString(database), new StorageOptions { DataDir = dataDir, FlushEveryCommit = flush });

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task<List<object>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object>();
        do
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetValue(0));
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }
}
