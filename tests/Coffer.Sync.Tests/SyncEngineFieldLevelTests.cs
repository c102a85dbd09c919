using Coffer.Formats.VCard;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Content;
using Coffer.Sync.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Sync.Tests;

/// <summary>Field Level Change (seed 000 §4.3) and twin matching end to end: SyncEngine over a SQLite store in a temp folder.</summary>
public sealed class SyncEngineFieldLevelTests : IAsyncLifetime
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "coffer-sync-tests-" + Guid.NewGuid().ToString("N"));
    private SqliteCofferStore store = null!;
    private SyncEngine engine = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dir);
        store = new SqliteCofferStore(new StorageOptions { DataDir = dir });
        await using (var uow = await store.BeginAsync())
        {
            (await uow.Users.TryCreateAsync("alice", PasswordHasher.Hash("secret", 1000))).ShouldNotBeNull();
            await uow.CommitAsync();
        }

        engine = new SyncEngine(store, ContentHandlers.CreateDefault(), new SyncServerOptions(), TimeProvider.System, NullLogger<SyncEngine>.Instance);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task A_phone_holding_3_numbers_changes_one_and_the_server_keeps_all_5()
    {
        var a = new TestDevice(engine, "IMEI:A", null, "text/vcard");
        var luid = a.AddLocal(FieldLevelChangeDevInfTests.ServerContact());
        await a.SyncAsync(201, a.Change(luid, add: true));
        a.ChangeStatuses.ShouldBe([201]);

        var b = new TestDevice(engine, "IMEI:B", CraftedDevInf.Xml, "text/x-vcard");
        await b.SyncAsync(205);
        var (bLuid, onB) = b.Items.Single();
        var cardOnB = VCardParser.Parse(onB).Single();
        cardOnB.Version.ShouldBe(VCardVersion.V2_1);
        cardOnB.Telephones.Count.ShouldBe(3);
        cardOnB.Note.ShouldBeNull();
        cardOnB.Photo.ShouldBeNull();

        b.Items[bLuid] = onB.Replace("+49 30 2222", "+49 30 2299", StringComparison.Ordinal).Replace("FN:John Doe", "FN:Johnny Doe", StringComparison.Ordinal);
        await b.SyncAsync(200, b.Change(bLuid, add: false));
        b.ServerAlert.ShouldBe(200);
        b.ChangeStatuses.ShouldBe([200]);

        var stored = VCardParser.Parse((await StoredAsync()).Single()).Single();
        stored.FormattedName.ShouldBe("Johnny Doe");
        stored.Telephones.Select(t => t.Number).ShouldBe(["+49 30 1111", "+49 30 2299", "+49 171 3333", "+49 30 4444", "+49 171 5555"]);
        stored.Note.ShouldBe("Met at the conference, call back in May");
        stored.PhotoBytes.ShouldNotBeNull();

        // Device A (no limits) gets the merged contact with everything on its next sync.
        await a.SyncAsync(200);
        var onA = VCardParser.Parse(a.Items.Single().Value).Single();
        onA.FormattedName.ShouldBe("Johnny Doe");
        onA.Telephones.Count.ShouldBe(5);
    }

    [Fact]
    public async Task Slow_syncing_the_same_contacts_twice_creates_no_duplicates()
    {
        var items = TestCaseItems.Items("eds_contact.vcf");
        var a = new TestDevice(engine, "IMEI:A", null, "text/vcard");
        var luids = items.Select(a.AddLocal).ToList();
        await a.SyncAsync(201, [.. luids.Select(l => a.Change(l, add: true))]);
        (await StoredAsync()).Count.ShouldBe(items.Count);

        // The same phone forgets its anchors and slow-syncs again; then a second phone with a 2.1 copy of the same
        // contacts slow-syncs too: every item must find its twin.
        await a.SyncAsync(201, [.. luids.Select(l => a.Change(l, add: true))]);
        a.ServerAlert.ShouldBe(201);
        (await StoredAsync()).Count.ShouldBe(items.Count);
        a.Items.Count.ShouldBe(items.Count);

        var b = new TestDevice(engine, "IMEI:B", null, "text/x-vcard");
        var bLuids = items.Select(i => b.AddLocal(VCardWriter.Write(VCardParser.Parse(i).Single(), VCardVersion.V2_1))).ToList();
        await b.SyncAsync(201, [.. bLuids.Select(l => b.Change(l, add: true))]);
        (await StoredAsync()).Count.ShouldBe(items.Count);
        b.Items.Count.ShouldBe(items.Count);
    }

    [Fact]
    public async Task A_stored_contact_is_the_twin_of_one_copy_when_a_slow_sync_sends_it_twice()
    {
        const string card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Roe\r\nN:Roe;Jane;;;\r\nTEL;TYPE=CELL:+15550100\r\nEND:VCARD\r\n";
        const string other = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Poe\r\nN:Poe;John;;;\r\nTEL;TYPE=CELL:+15550199\r\nEND:VCARD\r\n";
        var a = new TestDevice(engine, "IMEI:A", null, "text/vcard");
        var first = a.AddLocal(card);
        await a.SyncAsync(201, a.Change(first, add: true));
        (await StoredAsync()).Count.ShouldBe(1);

        // One Sync with the stored contact twice and a new one: the first copy is the stored contact's twin, the second
        // cannot be (a stored item is the twin of one item of a device) and is added, and so is the new one.
        var b = new TestDevice(engine, "IMEI:B", null, "text/vcard");
        string[] luids = [b.AddLocal(card), b.AddLocal(card), b.AddLocal(other)];
        await b.SyncAsync(201, [.. luids.Select(l => b.Change(l, add: true))]);
        b.ChangeStatuses.ShouldBe([201, 201, 201]);
        (await StoredAsync()).Count.ShouldBe(3);

        // Slow-syncing the same again, every copy finds a twin of its own: nothing is added.
        await b.SyncAsync(201, [.. luids.Select(l => b.Change(l, add: true))]);
        b.ServerAlert.ShouldBe(201);
        (await StoredAsync()).Count.ShouldBe(3);
        (await StoredAsync()).Count(s => s.Contains("Jane Roe", StringComparison.Ordinal)).ShouldBe(2);
    }

    private async Task<List<string>> StoredAsync()
    {
        await using var uow = await store.BeginReadAsync();
        var user = (await uow.Users.FindByNameAsync("alice")).ShouldNotBeNull();
        var ds = (await uow.Datastores.GetAsync(user.Id, DatastoreKind.Contacts)).ShouldNotBeNull();
        var live = await uow.Items.ListLiveAsync(ds.Id, 0, 1000, true);
        return [.. live.Select(i => System.Text.Encoding.UTF8.GetString(i.Content!))];
    }
}
