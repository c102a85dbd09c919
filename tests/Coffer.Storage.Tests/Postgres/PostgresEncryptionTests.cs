using System.Text;
using Coffer.Storage.Postgres;
using Coffer.TestData;
using Npgsql;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>
/// Encryption at rest and the integrity check on PostgreSQL: what the tables hold, keys read back by a new process,
/// a deleted user's keys, and damage done behind the repositories' back reported where it is.
/// </summary>
public sealed class PostgresEncryptionTests : IAsyncLifetime
{
    private const string Marker = "MARKER-7c1e-zebra-quokka";
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-storage-tests", Guid.NewGuid().ToString("N"));
    private string database = null!;

    private static PostgresCluster Cluster => PostgresCluster.Shared;

    public async Task InitializeAsync() => database = await Cluster.CreateDatabaseAsync("pgenc");

    public async Task DisposeAsync()
    {
        await Cluster.DropDatabaseAsync(database);
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Every_kind_of_stored_payload_is_encrypted_and_a_new_store_reads_it_back()
    {
        var md5 = Convert.ToBase64String(Encoding.ASCII.GetBytes("0123456789abcdef"));
        var card = Encoding.UTF8.GetBytes($"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{Marker}\r\nEND:VCARD\r\n");
        var devInf = Encoding.UTF8.GetBytes($"<DevInf><Man>{Marker}</Man></DevInf>");
        long user, ds, device;
        string itemId, token, anonymousToken;
        await using (var store = NewStore())
        {
            await using var uow = await store.BeginAsync();
            user = (await uow.Users.TryCreateAsync("alice", "h", md5))!.Id;
            ds = (await uow.Datastores.EnsureAsync(user, DatastoreKind.Contacts)).Id;
            itemId = (await uow.Items.AddAsync(ds, [new NewItem("text/vcard", card, "import"), new NewItem("text/plain", card, "import")]))[0].Id;
            await uow.Items.ReplaceAsync(ds, [new ItemReplacement(itemId, "text/vcard", card, "import")]);
            device = (await uow.Devices.RegisterAccessAsync(user, "phone")).Id;
            await uow.Devices.SetDevInfAsync(device, devInf);
            var session = await uow.Sessions.CreateAsync(user, device, Encoding.UTF8.GetBytes("{\"pending\":\"" + Marker + "\"}"), TimeSpan.FromHours(1));
            token = session.Token;
            await uow.Sessions.PutReplyAsync(token, "2", new CachedReply(Encoding.UTF8.GetBytes("<SyncML>" + Marker + "</SyncML>"), "application/vnd.syncml+xml"));
            await uow.Sessions.AppendChunkAsync(token, Encoding.UTF8.GetBytes(Marker[..10]));
            await uow.Sessions.AppendChunkAsync(token, Encoding.UTF8.GetBytes(Marker[10..]));
            anonymousToken = (await uow.Sessions.CreateAsync(null, null, Encoding.UTF8.GetBytes(Marker), TimeSpan.FromHours(1))).Token;
            await uow.CommitAsync();
        }

        foreach (var (table, column) in new[] { ("item_versions", "payload"), ("sessions", "state"), ("session_replies", "body"), ("session_chunks", "data"), ("users", "md5_credential"), ("devices", "devinf") })
        {
            (await ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE position(convert_to('{Marker[..10]}', 'UTF8') in {column}) > 0 OR position(convert_to('{md5}', 'UTF8') in {column}) > 0")).ShouldBe(0L, table);
        }

        // A new store has no key in memory: every key is looked up while the rows are being read.
        await using (var store = NewStore())
        {
            await using var read = await store.BeginAsync();
            (await read.Users.GetAsync(user))!.Md5Credential.ShouldBe(md5);
            (await read.Items.GetVersionsAsync(ds, itemId)).Select(v => v.Content).ShouldBe([card, card]);
            (await read.Items.GetChangesSinceAsync(ds, 0, 10)).Select(i => i.Content).ShouldBe([card, card]);
            (await read.Devices.GetByIdAsync(device))!.DevInf.ShouldBe(devInf);
            Encoding.UTF8.GetString((await read.Sessions.GetAsync(token))!.State).ShouldContain(Marker);
            Encoding.UTF8.GetString((await read.Sessions.GetReplyAsync(token, "2"))!.Body).ShouldContain(Marker);
            Encoding.UTF8.GetString(await read.Sessions.TakeChunksAsync(token)).ShouldBe(Marker);
            Encoding.UTF8.GetString((await read.Sessions.GetAsync(anonymousToken))!.State).ShouldBe(Marker);
            var counts = await read.DataKeys.CountPayloadsAsync();
            counts.Sum(c => c.Clear).ShouldBe(0);
            counts.Single(c => c.Place == "item versions").Encrypted.ShouldBe(3);
            counts.Single(c => c.Place == "md5 credentials").Encrypted.ShouldBe(1);
            counts.Single(c => c.Place == "device DevInf").Encrypted.ShouldBe(1);
            (await read.DataKeys.ListAsync()).Select(k => k.UserId).Order().ShouldBe([PayloadContext.ServerScope, user]);
        }
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_data_keys()
    {
        var (alice, _, _) = await SeedAsync("alice");
        await SeedAsync("bob");
        await using var store = NewStore();
        await using (var uow = await store.BeginAsync())
        {
            (await uow.Users.DeleteAsync(alice)).ShouldBeTrue();
            await uow.CommitAsync();
        }

        await using var read = await store.BeginReadAsync();
        var keys = await read.DataKeys.ListAsync();
        keys.ShouldHaveSingleItem().UserId.ShouldNotBe(alice);
    }

    [Fact]
    public async Task A_store_written_through_the_repositories_passes_the_integrity_check()
    {
        await SeedAsync("alice");
        await using var store = NewStore();

        var report = await store.CheckIntegrityAsync();

        report.Problems.ShouldBeEmpty();
        (report.Users, report.Items).ShouldBe((1L, 5L));
        report.Payloads.ShouldBe(7L, "five first versions, one replacement (a tombstone has no payload) and the md5 credential");
    }

    [Fact]
    public async Task A_truncated_and_a_flipped_payload_are_reported_with_their_item_and_version()
    {
        var (_, _, items) = await SeedAsync("alice");
        await ScalarAsync($"UPDATE item_versions SET payload = substring(payload from 1 for length(payload) - 3) WHERE item_id = '{items[3].Id}'");
        await ScalarAsync($"UPDATE item_versions SET payload = set_byte(payload, 29, 255 - get_byte(payload, 29)) WHERE item_id = '{items[4].Id}'");
        await using var store = NewStore();

        var report = await store.CheckIntegrityAsync();

        report.Problems.Select(p => p.Where).Order(StringComparer.Ordinal).ShouldBe(new[] { $"item {items[3].Id} version 1", $"item {items[4].Id} version 1" }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_orphan_map_entry_a_runaway_sequence_and_a_missing_version_are_each_reported()
    {
        var (_, _, items) = await SeedAsync("alice");
        await ScalarAsync("INSERT INTO id_maps (device_id, datastore_id, luid, item_id) SELECT device_id, datastore_id, 'ghost', 'no-such-item' FROM id_maps LIMIT 1");
        await ScalarAsync($"UPDATE items SET seq = 1000 WHERE id = '{items[4].Id}'");
        await ScalarAsync($"DELETE FROM item_versions WHERE item_id = '{items[2].Id}'");
        await using var store = NewStore();

        var report = await store.CheckIntegrityAsync();

        report.Problems.ShouldContain(p => p.Where.StartsWith("id_maps device ", StringComparison.Ordinal) && p.Where.EndsWith(" luid ghost", StringComparison.Ordinal) && p.What.Contains("no-such-item"));
        report.Problems.ShouldContain(p => p.Where == "items " + items[4].Id && p.What.Contains("beyond its user's counter"));
        report.Problems.ShouldContain(p => p.Where == "items " + items[2].Id && p.What.Contains("no row in item_versions"));
    }

    /// <summary>A user with an md5 credential, a device, five contacts (one replaced, one deleted) and a map entry.</summary>
    private async Task<(long User, long Datastore, IReadOnlyList<StoredItem> Items)> SeedAsync(string name)
    {
        await using var store = NewStore();
        await using var uow = await store.BeginAsync();
        var user = (await uow.Users.TryCreateAsync(name, "h", "bWQ1"))!;
        var device = await uow.Devices.RegisterAccessAsync(user.Id, "phone");
        var ds = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
        var items = await uow.Items.AddAsync(ds, [.. RealItems.Contacts.Take(5).Select(c => new NewItem("text/vcard", c, "device:1"))]);
        await uow.Items.ReplaceAsync(ds, [new ItemReplacement(items[0].Id, "text/vcard", RealItems.Contacts[6], "web")]);
        await uow.Items.DeleteAsync(ds, [new ItemDeletion(items[1].Id, "web")]);
        await uow.IdMaps.UpsertAsync(device.Id, ds, [new IdMapEntry("1", items[2].Id)]);
        await uow.CommitAsync();
        return (user.Id, ds, items);
    }

    private PostgresCofferStore NewStore() => new(Cluster.ConnectionString(database), new StorageOptions { DataDir = dataDir });

    // Reads and damage done behind the repositories' back, the way a broken disk or a bad restore would.
    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
