using Coffer.Storage.Tests;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite.Tests;

/// <summary>
/// <see cref="ICofferStore.CheckIntegrityAsync"/> on SQLite: a store written only through the repositories is clean; each
/// kind of damage done behind their back (a truncated payload, a flipped byte, an orphan map entry, a sequence beyond its user's
/// counter, a missing current version) is reported, naming where.
/// </summary>
public sealed class SqliteIntegrityCheckTests : IAsyncLifetime
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-storage-tests", Guid.NewGuid().ToString("N"));
    private IReadOnlyList<StoredItem> items = [];

    public async Task InitializeAsync()
    {
        await using var store = NewStore();
        await using var uow = await store.BeginAsync();
        var user = (await uow.Users.TryCreateAsync("alice", "h"))!;
        var device = await uow.Devices.RegisterAccessAsync(user.Id, "phone");
        var ds = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
        items = await uow.Items.AddAsync(ds, [.. RealItems.Contacts.Take(5).Select(c => new NewItem("text/vcard", c, "device:1"))]);
        await uow.Items.ReplaceAsync(ds, [new ItemReplacement(items[0].Id, "text/vcard", RealItems.Contacts[6], "web")]);
        await uow.Items.DeleteAsync(ds, [new ItemDeletion(items[1].Id, "web")]);
        await uow.IdMaps.UpsertAsync(device.Id, ds, [new IdMapEntry("1", items[2].Id)]);
        await uow.CommitAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_store_written_through_the_repositories_is_clean()
    {
        await using var store = NewStore();

        var report = await store.CheckIntegrityAsync();

        report.Problems.ShouldBeEmpty();
        (report.Users, report.Items).ShouldBe((1L, 5L));
        report.Payloads.ShouldBe(6L, "five first versions and one replacement (a tombstone has no payload)");
    }

    [Fact]
    public async Task A_truncated_payload_is_reported_with_its_item_and_version()
    {
        Execute($"UPDATE item_versions SET payload = substr(payload, 1, length(payload) - 3) WHERE item_id = '{items[3].Id}'");
        await using var store = NewStore();

        var report = await store.CheckIntegrityAsync();

        report.Problems.ShouldHaveSingleItem().Where.ShouldBe($"item {items[3].Id} version 1");
    }

    [Fact]
    public async Task A_flipped_byte_in_an_encrypted_payload_fails_its_authentication_tag_and_is_reported()
    {
        Execute($"UPDATE item_versions SET payload = CAST(substr(payload, 1, 29) || CASE WHEN substr(payload, 30, 1) = X'00' THEN X'01' ELSE X'00' END || substr(payload, 31) AS BLOB) WHERE item_id = '{items[4].Id}'");
        await using var store = NewStore();

        var report = await store.CheckIntegrityAsync();

        report.Problems.ShouldHaveSingleItem().Where.ShouldBe($"item {items[4].Id} version 1");
    }

    [Fact]
    public async Task An_orphan_map_entry_a_runaway_sequence_and_a_missing_version_are_each_reported()
    {
        Execute("INSERT INTO id_maps (device_id, datastore_id, luid, item_id) SELECT device_id, datastore_id, 'ghost', 'no-such-item' FROM id_maps LIMIT 1");
        Execute($"UPDATE items SET seq = 1000 WHERE id = '{items[4].Id}'");
        Execute($"DELETE FROM item_versions WHERE item_id = '{items[2].Id}'");
        await using var store = NewStore();

        var report = await store.CheckIntegrityAsync();

        report.Problems.ShouldContain(p => p.Where == "id_maps device 1 luid ghost" && p.What.Contains("no-such-item"));
        report.Problems.ShouldContain(p => p.Where == "items " + items[4].Id && p.What.Contains("beyond its user's counter"));
        report.Problems.ShouldContain(p => p.Where == "items " + items[2].Id && p.What.Contains("no row in item_versions"));
    }

    private SqliteCofferStore NewStore() => new(new StorageOptions { DataDir = dataDir });

    // Damage done behind the repositories' back, the way a broken disk or a bad restore would.
    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, SqliteCofferStore.FileName)};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
