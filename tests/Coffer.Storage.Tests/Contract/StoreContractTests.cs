using System.Text;
using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>
/// The behaviour every storage backend must show: each test is a theory over <see cref="StoreProvider"/>
/// (<see cref="StoreDataAttribute"/>) and opens its store first (<see cref="OpenStoreAsync"/>), so one test runs on
/// SQLite and on PostgreSQL. xunit makes a new instance per test case, so each gets a fresh, empty store and a
/// simulated clock.
/// </summary>
public sealed class StoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 30, 0, 59, 0, TimeSpan.Zero);

    private TestStore? testStore;

    private ManualTimeProvider Clock { get; } = new(Start);

    private ICofferStore Store => testStore?.Store
        ?? throw new InvalidOperationException("no store: a contract test is [Theory, StoreData] with a StoreProvider parameter and calls OpenStoreAsync first");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (testStore != null)
        {
            await testStore.DisposeAsync();
        }
    }

    [Theory]
    [StoreData]
    public async Task Sequences_strictly_increase_across_datastores_of_one_user(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        long events;
        await using (var uow = await Store.BeginAsync())
        {
            events = (await uow.Datastores.EnsureAsync(user, DatastoreKind.Events)).Id;
            await uow.CommitAsync();
        }

        var seen = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            await using var uow = await Store.BeginAsync();
            var a = await uow.Items.AddAsync(contacts, [Vcard("A" + round), Vcard("B" + round)]);
            var b = await uow.Items.AddAsync(events, [Item("ev" + round)]);
            var r = await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(a[0].Id, "text/vcard", Bytes("A2"), "device:x")]);
            var d = await uow.Items.DeleteAsync(events, [new ItemDeletion(b[0].Id, "device:x")]);
            seen.AddRange([a[0].Sequence, a[1].Sequence, b[0].Sequence, r[0]!.Sequence, d[0]!.Sequence]);
            await uow.CommitAsync();
        }

        seen.ShouldBe(Enumerable.Range(1, 15).Select(i => (long)i));
        await using var read = await Store.BeginReadAsync();
        (await read.Items.GetCurrentSequenceAsync(user)).ShouldBe(15);
    }

    [Theory]
    [StoreData]
    public async Task Sequences_are_independent_per_user(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, aliceContacts) = await NewUserAsync("alice");
        var (bob, bobContacts) = await NewUserAsync("bob");
        await using var uow = await Store.BeginAsync();
        var a = await uow.Items.AddAsync(aliceContacts, [Vcard("1"), Vcard("2"), Vcard("3")]);
        var b = await uow.Items.AddAsync(bobContacts, [Vcard("1")]);
        a.Select(i => i.Sequence).ShouldBe([1L, 2L, 3L]);
        b.Single().Sequence.ShouldBe(1);
        b.Single().UserId.ShouldBe(bob);
        (await uow.Items.GetAsync(aliceContacts, [a[0].Id])).Single().UserId.ShouldBe(alice);
        (await uow.Items.GetCurrentSequenceAsync(alice)).ShouldBe(3);
        (await uow.Items.GetCurrentSequenceAsync(bob)).ShouldBe(1);
        (await uow.Items.GetChangesSinceAsync(bobContacts, 0, 100)).Select(i => i.Id).ShouldBe([b[0].Id]);
    }

    [Theory]
    [StoreData]
    public async Task Tombstones_appear_in_changes_since_but_not_in_live_listing(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var added = await uow.Items.AddAsync(contacts, [Vcard("keep"), Vcard("drop")]);
        var cursor = added[^1].Sequence;
        var deleted = (await uow.Items.DeleteAsync(contacts, [new ItemDeletion(added[1].Id, "web")])).Single()!;

        var changes = await uow.Items.GetChangesSinceAsync(contacts, cursor, 100);
        var tombstone = changes.ShouldHaveSingleItem();
        tombstone.Id.ShouldBe(added[1].Id);
        tombstone.Deleted.ShouldBeTrue();
        tombstone.Content.ShouldBeNull();
        tombstone.Sequence.ShouldBe(deleted.Sequence);
        tombstone.Sequence.ShouldBeGreaterThan(cursor);

        (await uow.Items.ListLiveAsync(contacts, 0, 100)).Select(i => i.Id).ShouldBe([added[0].Id]);
        (await uow.Items.CountLiveAsync(contacts)).ShouldBe(1);
        (await uow.Items.GetAsync(contacts, [added[1].Id])).Single().Deleted.ShouldBeTrue();

        // A second delete of a tombstone is not a change (SyncML 211 territory for the engine).
        (await uow.Items.DeleteAsync(contacts, [new ItemDeletion(added[1].Id, "web")])).Single().ShouldBeNull();
        (await uow.Items.GetCurrentSequenceAsync(user)).ShouldBe(deleted.Sequence);
    }

    [Theory]
    [StoreData]
    public async Task Changes_since_pages_in_sequence_order_and_can_leave_out_the_devices_own_changes(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var fromPhone = await uow.Items.AddAsync(contacts, Enumerable.Range(0, 5).Select(i => Vcard("p" + i, origin: "device:phone")).ToList());
        var fromWeb = await uow.Items.AddAsync(contacts, Enumerable.Range(0, 4).Select(i => Vcard("w" + i, origin: "web")).ToList());

        // The phone edits a web item: now its last change is the phone's.
        await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(fromWeb[0].Id, "text/vcard", Bytes("w0'"), "device:phone")]);

        var pages = new List<IReadOnlyList<StoredItem>>();
        long after = 0;
        while (true)
        {
            var page = await uow.Items.GetChangesSinceAsync(contacts, after, 4);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            after = page[^1].Sequence;
        }

        pages.Select(p => p.Count).ShouldBe([4, 4, 1]);
        var all = pages.SelectMany(p => p).ToList();
        all.Select(i => i.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        all.Select(i => i.Id).ShouldBe(fromPhone.Concat(fromWeb.Skip(1)).Append(fromWeb[0]).Select(i => i.Id));

        var forPhone = await uow.Items.GetChangesSinceAsync(contacts, 0, 100, excludeOrigin: "device:phone");
        forPhone.Select(i => i.Id).ShouldBe(fromWeb.Skip(1).Select(i => i.Id));
        (await uow.Items.CountChangesSinceAsync(contacts, 0, "device:phone")).ShouldBe(3);
        (await uow.Items.CountChangesSinceAsync(contacts, fromPhone[^1].Sequence)).ShouldBe(4);

        var headersOnly = await uow.Items.GetChangesSinceAsync(contacts, 0, 100, withContent: false);
        headersOnly.ShouldAllBe(i => i.Content == null && i.Size > 0);
    }

    [Theory]
    [StoreData]
    public async Task Content_round_trips_for_real_contacts_events_and_binary(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        var payloads = RealItems.Contacts.Concat(RealItems.Events).Append(RealItems.Png).Append([]).ToList();
        await using var uow = await Store.BeginAsync();
        var added = await uow.Items.AddAsync(contacts, payloads.Select(p => new NewItem("text/x-test", p, "import")).ToList());
        var got = await uow.Items.GetAsync(contacts, added.Select(a => a.Id).ToList());
        got.Count.ShouldBe(payloads.Count);
        for (var i = 0; i < payloads.Count; i++)
        {
            got[i].Content.ShouldBe(payloads[i]);
            got[i].Size.ShouldBe(payloads[i].Length);
        }
    }

    [Theory]
    [StoreData]
    public async Task Versions_are_append_only_and_every_one_stays_recoverable(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var v1 = (await uow.Items.AddAsync(contacts, [Vcard("one", origin: "device:phone")])).Single();
        Clock.Advance(TimeSpan.FromMinutes(5));
        var v2 = (await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(v1.Id, "text/vcard", Bytes("two"), "web")])).Single()!;
        Clock.Advance(TimeSpan.FromMinutes(5));
        var v3 = (await uow.Items.DeleteAsync(contacts, [new ItemDeletion(v1.Id, "device:phone")])).Single()!;

        var history = await uow.Items.GetVersionsAsync(contacts, v1.Id);
        history.Select(h => h.Version).ShouldBe([1L, 2L, 3L]);
        history.Select(h => h.Sequence).ShouldBe([v1.Sequence, v2.Sequence, v3.Sequence]);
        history.Select(h => h.Origin).ShouldBe(["device:phone", "web", "device:phone"]);
        history.Select(h => h.Time).ShouldBe([Start, Start.AddMinutes(5), Start.AddMinutes(10)]);
        Encoding.UTF8.GetString(history[0].Content!).ShouldContain("one");
        Encoding.UTF8.GetString(history[1].Content!).ShouldBe("two");
        history[2].Deleted.ShouldBeTrue();
        history[2].Content.ShouldBeNull();

        // Recover the first version: a replace with its content revives the tombstone as version 4.
        var old = (await uow.Items.GetVersionAsync(contacts, v1.Id, 1))!;
        var revived = (await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(v1.Id, old.ContentType, old.Content, "restore")])).Single()!;
        revived.Version.ShouldBe(4);
        revived.Deleted.ShouldBeFalse();
        revived.Created.ShouldBe(Start);
        (await uow.Items.GetAsync(contacts, [v1.Id])).Single().Content.ShouldBe(old.Content);
        (await uow.Items.GetVersionsAsync(contacts, v1.Id)).Count.ShouldBe(4);
        (await uow.Items.GetVersionAsync(contacts, v1.Id, 2))!.Content.ShouldBe(history[1].Content);
    }

    [Theory]
    [StoreData]
    public async Task Stale_expected_version_or_foreign_item_changes_nothing_and_takes_no_sequence(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        var (_, bobContacts) = await NewUserAsync("bob");
        await using var uow = await Store.BeginAsync();
        var item = (await uow.Items.AddAsync(contacts, [Vcard("x")])).Single();
        var bobs = (await uow.Items.AddAsync(bobContacts, [Vcard("b")])).Single();
        (await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(item.Id, "text/vcard", Bytes("y"), "web", ExpectedVersion: 7)])).Single().ShouldBeNull();
        (await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(bobs.Id, "text/vcard", Bytes("y"), "web")])).Single().ShouldBeNull();
        (await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(Guid.NewGuid().ToString(), "text/vcard", Bytes("y"), "web")])).Single().ShouldBeNull();
        (await uow.Items.DeleteAsync(contacts, [new ItemDeletion("not-a-guid", "web"), new ItemDeletion(item.Id, "web", ExpectedVersion: 2)])).ShouldAllBe(r => r == null);
        (await uow.Items.GetCurrentSequenceAsync(user)).ShouldBe(1);
        (await uow.Items.GetAsync(contacts, [bobs.Id])).ShouldBeEmpty();

        // The same id twice in one batch: the second write sees the version the first produced.
        var twice = await uow.Items.ReplaceAsync(contacts, [
            new ItemReplacement(item.Id, "text/vcard", Bytes("1"), "web", ExpectedVersion: 1),
            new ItemReplacement(item.Id, "text/vcard", Bytes("2"), "web", ExpectedVersion: 2),
        ]);
        twice.Select(t => t!.Version).ShouldBe([2L, 3L]);
        (await uow.Items.GetAsync(contacts, [item.Id.ToUpperInvariant()])).Single().Content.ShouldBe(Bytes("2").ToArray());
    }

    [Theory]
    [StoreData]
    public async Task Identity_key_finds_live_twins_in_the_same_datastore_only(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        var (bob, _) = await NewUserAsync("bob");
        await using var uow = await Store.BeginAsync();
        var secret = (await uow.Users.GetAsync(user))!.IdentitySecret;
        var bobSecret = (await uow.Users.GetAsync(bob))!.IdentitySecret;
        var key = IdentityKey.Compute(secret, "doe|john|+15551234");
        IdentityKey.Compute(bobSecret, "doe|john|+15551234").ShouldNotBe(key);
        key.Length.ShouldBe(32);

        var events = (await uow.Datastores.EnsureAsync(user, DatastoreKind.Events)).Id;
        var items = await uow.Items.AddAsync(contacts, [Vcard("a", key), Vcard("b", key), Vcard("c", IdentityKey.Compute(secret, "other"))]);
        await uow.Items.AddAsync(events, [new NewItem("text/calendar", Bytes("e"), "web", key)]);
        await uow.Items.DeleteAsync(contacts, [new ItemDeletion(items[1].Id, "web")]);

        (await uow.Items.FindByIdentityKeyAsync(contacts, key)).Select(i => i.Id).ShouldBe([items[0].Id]);
        (await uow.Items.FindByIdentityKeyAsync(contacts, IdentityKey.Compute(secret, "nobody"))).ShouldBeEmpty();

        // A replace may change the key: the old one no longer finds the item.
        await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(items[0].Id, "text/vcard", Bytes("a2"), "web", IdentityKey.Compute(secret, "renamed"))]);
        (await uow.Items.FindByIdentityKeyAsync(contacts, key)).ShouldBeEmpty();
    }

    [Theory]
    [StoreData]
    public async Task Identity_keys_find_the_live_twins_of_every_key_at_once_in_sequence_order(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var secret = (await uow.Users.GetAsync(user))!.IdentitySecret;
        var (k1, k2, k3) = (IdentityKey.Compute(secret, "one"), IdentityKey.Compute(secret, "two"), IdentityKey.Compute(secret, "three"));
        var events = (await uow.Datastores.EnsureAsync(user, DatastoreKind.Events)).Id;
        var items = await uow.Items.AddAsync(contacts, [Vcard("a", k2), Vcard("b", k1), Vcard("c", k2), Vcard("d", k3), Vcard("e")]);
        await uow.Items.AddAsync(events, [new NewItem("text/calendar", Bytes("e"), "web", k1)]);
        await uow.Items.DeleteAsync(contacts, [new ItemDeletion(items[2].Id, "web")]);
        await uow.Items.ReplaceAsync(contacts, [new ItemReplacement(items[0].Id, "text/vcard", Bytes("a2"), "web", k2)]);

        var found = await uow.Items.FindByIdentityKeysAsync(contacts, [k1, k2, IdentityKey.Compute(secret, "nobody"), k1]);
        found.Select(i => i.Id).ShouldBe([items[1].Id, items[0].Id]);
        found[1].Content.ShouldBe(Bytes("a2").ToArray());
        found[1].IdentityKey.ShouldBe(k2);
        (await uow.Items.FindByIdentityKeysAsync(contacts, [k3], withContent: false)).Single().Content.ShouldBeNull();
        (await uow.Items.FindByIdentityKeysAsync(contacts, [])).ShouldBeEmpty();
    }

    [Theory]
    [StoreData]
    public async Task Id_maps_are_one_to_one_per_device_and_datastore(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var phone = (await uow.Devices.RegisterAccessAsync(user, "IMEI:1")).Id;
        var tablet = (await uow.Devices.RegisterAccessAsync(user, "IMEI:2")).Id;
        var m = uow.IdMaps;
        await m.UpsertAsync(phone, contacts, [new("1", "g1"), new("2", "g2"), new("3", "g3")]);
        await m.UpsertAsync(tablet, contacts, [new("1", "g9")]);

        (await m.GetGuidsAsync(phone, contacts, ["1", "3", "404"])).ShouldBe(new Dictionary<string, string> { ["1"] = "g1", ["3"] = "g3" });
        (await m.GetLuidsAsync(phone, contacts, ["g2", "g9"])).ShouldBe(new Dictionary<string, string> { ["g2"] = "2" });

        // LUID 1 now names g4; g3 moves to LUID 30 (the phone re-created the record): no duplicates either way.
        await m.UpsertAsync(phone, contacts, [new("1", "g4"), new("30", "g3")]);
        (await m.GetGuidsAsync(phone, contacts, ["1", "3", "30"])).ShouldBe(new Dictionary<string, string> { ["1"] = "g4", ["30"] = "g3" });
        (await m.GetLuidsAsync(phone, contacts, ["g1"])).ShouldBeEmpty();
        (await m.CountAsync(phone, contacts)).ShouldBe(3);

        (await m.DeleteByLuidAsync(phone, contacts, ["2", "2", "404"])).ShouldBe(1);
        (await m.DeleteByGuidAsync(phone, contacts, ["g4"])).ShouldBe(1);
        (await m.GetGuidsAsync(phone, contacts, ["1", "2", "30"])).Keys.ShouldBe(["30"]);
        (await m.ClearAsync(phone, contacts)).ShouldBe(1);
        (await m.CountAsync(phone, contacts)).ShouldBe(0);
        (await m.GetGuidsAsync(tablet, contacts, ["1"]))["1"].ShouldBe("g9");
    }

    [Theory]
    [StoreData]
    public async Task Sync_state_round_trips_and_goes_with_its_device(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var phone = (await uow.Devices.RegisterAccessAsync(user, "IMEI:1")).Id;
        (await uow.SyncStates.GetAsync(phone, contacts)).ShouldBeNull();

        var first = await uow.SyncStates.SaveAsync(new SyncState(phone, contacts, null, "20250330T005900Z", null, "s1", 10, 0, null, default));
        first.Updated.ShouldBe(Start);
        Clock.Advance(TimeSpan.FromSeconds(30));
        await uow.SyncStates.SaveAsync(first with { LastAnchor = first.NextAnchor, NextAnchor = null, ServerLastAnchor = "s1", AckedSequence = 10, LastSuccess = Clock.GetUtcNow() });

        var got = (await uow.SyncStates.GetAsync(phone, contacts))!;
        got.ShouldBe(new SyncState(phone, contacts, "20250330T005900Z", null, "s1", "s1", 10, 10, Start.AddSeconds(30), Start.AddSeconds(30)));
        (await uow.SyncStates.ListAsync(phone)).Count.ShouldBe(1);

        await uow.IdMaps.UpsertAsync(phone, contacts, [new("1", "g1")]);
        (await uow.Devices.DeleteAsync(phone)).ShouldBeTrue();
        (await uow.SyncStates.GetAsync(phone, contacts)).ShouldBeNull();
        (await uow.IdMaps.CountAsync(phone, contacts)).ShouldBe(0);

        var tablet = (await uow.Devices.RegisterAccessAsync(user, "IMEI:2")).Id;
        await uow.SyncStates.SaveAsync(new SyncState(tablet, contacts, "a", "b", "c", "d", 1, 1, null, default));
        (await uow.SyncStates.DeleteAsync(tablet, contacts)).ShouldBeTrue();
        (await uow.SyncStates.GetAsync(tablet, contacts)).ShouldBeNull();
    }

    [Theory]
    [StoreData]
    public async Task Reply_cache_keeps_only_the_latest_reply_of_a_session(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var session = await uow.Sessions.CreateAsync(null, null, [1], TimeSpan.FromMinutes(10));
        var other = await uow.Sessions.CreateAsync(null, null, [2], TimeSpan.FromMinutes(10));
        await uow.Sessions.PutReplyAsync(session.Token, "1", new CachedReply([1], "x"));
        await uow.Sessions.PutReplyAsync(other.Token, "1", new CachedReply([9], "x"));
        await uow.Sessions.PutReplyAsync(session.Token, "2", new CachedReply([2], "x"));

        (await uow.Sessions.GetReplyAsync(session.Token, "1")).ShouldBeNull();
        (await uow.Sessions.GetReplyAsync(session.Token, "2"))!.Body.ShouldBe([2]);
        (await uow.Sessions.GetReplyAsync(other.Token, "1"))!.Body.ShouldBe([9]);
    }

    [Theory]
    [StoreData]
    public async Task Session_state_and_reply_cache_survive_until_expiry(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, _) = await NewUserAsync("alice");
        SessionRecord session;
        await using (var uow = await Store.BeginAsync())
        {
            session = await uow.Sessions.CreateAsync(null, null, [1, 2, 3], TimeSpan.FromMinutes(10));
            await uow.Sessions.PutReplyAsync(session.Token, "1", new CachedReply([0xAA, 0x00, 0xBB], "application/vnd.syncml+wbxml"));
            await uow.CommitAsync();
        }

        session.Token.Length.ShouldBeGreaterThanOrEqualTo(43);
        session.Expires.ShouldBe(Start.AddMinutes(10));

        await using (var uow = await Store.BeginAsync())
        {
            var got = (await uow.Sessions.GetAsync(session.Token))!;
            got.State.ShouldBe([1, 2, 3]);
            got.UserId.ShouldBeNull();
            var reply = (await uow.Sessions.GetReplyAsync(session.Token, "1"))!;
            reply.Body.ShouldBe([0xAA, 0x00, 0xBB]);
            reply.ContentType.ShouldBe("application/vnd.syncml+wbxml");
            (await uow.Sessions.GetReplyAsync(session.Token, "2")).ShouldBeNull();
            (await uow.Sessions.GetAsync(session.Token + "x")).ShouldBeNull();

            var device = (await uow.Devices.RegisterAccessAsync(user, "IMEI:1")).Id;
            Clock.Advance(TimeSpan.FromMinutes(9));
            (await uow.Sessions.UpdateAsync(session.Token, user, device, [4], TimeSpan.FromMinutes(10))).ShouldBeTrue();
            await uow.CommitAsync();
        }

        Clock.Advance(TimeSpan.FromMinutes(9));
        await using (var uow = await Store.BeginAsync())
        {
            var got = (await uow.Sessions.GetAsync(session.Token))!;
            got.State.ShouldBe([4]);
            got.UserId.ShouldBe(user);
            var other = await uow.Sessions.CreateAsync(user, null, [9], TimeSpan.FromHours(1));
            Clock.Advance(TimeSpan.FromMinutes(2));
            (await uow.Sessions.GetAsync(session.Token)).ShouldBeNull();
            (await uow.Sessions.GetReplyAsync(session.Token, "1")).ShouldBeNull();
            (await uow.Sessions.UpdateAsync(session.Token, user, null, [5], TimeSpan.FromMinutes(10))).ShouldBeFalse();
            (await uow.Sessions.DeleteExpiredAsync()).ShouldBe(1);
            (await uow.Sessions.GetAsync(other.Token)).ShouldNotBeNull();
            (await uow.Sessions.DeleteAsync(other.Token)).ShouldBeTrue();
            await Should.ThrowAsync<StorageException>(() => uow.Sessions.PutReplyAsync(other.Token, "1", new CachedReply([1], "x")));
        }
    }

    [Theory]
    [StoreData]
    public async Task Unit_of_work_disposed_without_commit_leaves_nothing(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        await using (var uow = await Store.BeginAsync())
        {
            await uow.Items.AddAsync(contacts, [Vcard("lost")]);
            var device = await uow.Devices.RegisterAccessAsync(user, "IMEI:1");
            await uow.IdMaps.UpsertAsync(device.Id, contacts, [new("1", "g")]);
            await uow.SyncStates.SaveAsync(new SyncState(device.Id, contacts, "a", "b", null, null, 1, 1, null, default));
            var s = await uow.Sessions.CreateAsync(user, device.Id, [1], TimeSpan.FromMinutes(5));
            await uow.Sessions.PutReplyAsync(s.Token, "1", new CachedReply([1], "x"));
            (await uow.Users.TryCreateAsync("carol", PasswordHasher.Hash("pw", 1000))).ShouldNotBeNull();
        }

        await using var check = await Store.BeginReadAsync();
        (await check.Items.GetCurrentSequenceAsync(user)).ShouldBe(0);
        (await check.Items.GetChangesSinceAsync(contacts, 0, 10)).ShouldBeEmpty();
        (await check.Devices.ListAsync(user)).ShouldBeEmpty();
        (await check.Users.FindByNameAsync("carol")).ShouldBeNull();
        (await check.Sessions.DeleteExpiredAsync()).ShouldBe(0);
    }

    [Theory]
    [StoreData]
    public async Task Concurrent_units_of_work_on_one_user_lose_no_sequence(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        long events;
        await using (var uow = await Store.BeginAsync())
        {
            events = (await uow.Datastores.EnsureAsync(user, DatastoreKind.Events)).Id;
            await uow.CommitAsync();
        }

        async Task<List<long>> Writer(long datastore, string origin)
        {
            var got = new List<long>();
            for (var round = 0; round < 15; round++)
            {
                await using var uow = await Store.BeginAsync();
                var added = await uow.Items.AddAsync(datastore, Enumerable.Range(0, 4).Select(i => Vcard($"{origin}{round}.{i}", origin: origin)).ToList());
                var replaced = await uow.Items.ReplaceAsync(datastore, [new ItemReplacement(added[0].Id, "text/vcard", Bytes("r"), origin)]);
                got.AddRange(added.Select(a => a.Sequence).Append(replaced[0]!.Sequence));
                await uow.CommitAsync();
                await Task.Yield();
            }

            return got;
        }

        var results = await Task.WhenAll(Task.Run(() => Writer(contacts, "device:a")), Task.Run(() => Writer(events, "device:b")));
        var all = results.SelectMany(r => r).ToList();
        all.Count.ShouldBe(150);
        all.Distinct().Count().ShouldBe(150);
        all.Order().ShouldBe(Enumerable.Range(1, 150).Select(i => (long)i));
        results.ShouldAllBe(r => r.SequenceEqual(r.Order()));

        await using var check = await Store.BeginReadAsync();
        (await check.Items.GetCurrentSequenceAsync(user)).ShouldBe(150);
        var changes = (await check.Items.GetChangesSinceAsync(contacts, 0, 1000)).Concat(await check.Items.GetChangesSinceAsync(events, 0, 1000));
        changes.Count().ShouldBe(120);
    }

    [Theory]
    [StoreData]
    public async Task User_names_are_unique_case_insensitively_and_deleting_a_user_removes_their_data(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        await using (var uow = await Store.BeginAsync())
        {
            var created = (await uow.Users.TryCreateAsync("Ärger", PasswordHasher.Hash("pw", 1000)))!;
            created.Name.ShouldBe("Ärger");
            created.Created.ShouldBe(Start);
            created.IdentitySecret.Length.ShouldBe(IdentityKey.SecretSize);
            (await uow.Users.TryCreateAsync("äRGER", "x")).ShouldBeNull();
            (await uow.Users.TryCreateAsync(" ärger ", "x")).ShouldBeNull();
            (await uow.Users.TryCreateAsync("bob", "x")).ShouldNotBeNull();
            (await uow.Users.TryCreateAsync("ＢＯＢ", "x")).ShouldNotBeNull(); // full-width letters are other letters
            (await uow.Users.TryCreateAsync("ｂｏｂ", "x")).ShouldBeNull(); // ...that fold case among themselves
            (await uow.Users.FindByNameAsync("ärger"))!.Id.ShouldBe(created.Id);
            (await uow.Users.ListAsync()).Select(u => u.Name).ShouldBe(["bob", "Ärger", "ＢＯＢ"]);
            await uow.CommitAsync();
        }

        await using (var uow = await Store.BeginAsync())
        {
            var user = (await uow.Users.FindByNameAsync("ÄRGER"))!;
            PasswordHasher.Verify("pw", user.PasswordHash).ShouldBeTrue();
            Clock.Advance(TimeSpan.FromDays(1));
            (await uow.Users.SetPasswordHashAsync(user.Id, PasswordHasher.Hash("new", 1000))).ShouldBeTrue();
            var changed = (await uow.Users.GetAsync(user.Id))!;
            PasswordHasher.Verify("new", changed.PasswordHash).ShouldBeTrue();
            changed.PasswordChanged.ShouldBe(Start.AddDays(1));

            var ds = await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Notes);
            (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Notes)).ShouldBe(ds);
            var item = (await uow.Items.AddAsync(ds.Id, [new NewItem("text/plain", Bytes("note"), "web")])).Single();
            var device = await uow.Devices.RegisterAccessAsync(user.Id, "IMEI:1");
            await uow.IdMaps.UpsertAsync(device.Id, ds.Id, [new("1", item.Id)]);
            var session = await uow.Sessions.CreateAsync(user.Id, device.Id, [1], TimeSpan.FromHours(1));

            (await uow.Users.DeleteAsync(user.Id)).ShouldBeTrue();
            (await uow.Users.GetAsync(user.Id)).ShouldBeNull();
            (await uow.Datastores.ListAsync(user.Id)).ShouldBeEmpty();
            (await uow.Devices.GetByIdAsync(device.Id)).ShouldBeNull();
            (await uow.IdMaps.CountAsync(device.Id, ds.Id)).ShouldBe(0);
            (await uow.Sessions.GetAsync(session.Token)).ShouldBeNull();
            (await uow.Users.DeleteAsync(user.Id)).ShouldBeFalse();
            (await uow.Users.ListAsync()).Select(u => u.Name).ShouldBe(["bob", "ＢＯＢ"]);
        }
    }

    [Theory]
    [StoreData]
    public async Task Device_access_keeps_first_seen_and_stores_devinf_and_nonce(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, _) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var first = await uow.Devices.RegisterAccessAsync(user, "IMEI:1");
        (first.FirstSeen, first.LastAccess).ShouldBe((Start, Start));
        Clock.Advance(TimeSpan.FromHours(2));
        var again = await uow.Devices.RegisterAccessAsync(user, "IMEI:1");
        again.Id.ShouldBe(first.Id);
        (again.FirstSeen, again.LastAccess).ShouldBe((Start, Start.AddHours(2)));

        (await uow.Devices.SetDevInfAsync(first.Id, [0x02, 0x00, 0x6A])).ShouldBeTrue();
        (await uow.Devices.SetNonceAsync(first.Id, [9, 9])).ShouldBeTrue();
        var got = (await uow.Devices.GetAsync(user, "IMEI:1"))!;
        got.DevInf.ShouldBe([0x02, 0x00, 0x6A]);
        got.Nonce.ShouldBe([9, 9]);
        (await uow.Devices.GetAsync(user, "imei:1")).ShouldBeNull();
        (await uow.Devices.ListAsync(user)).Count.ShouldBe(1);
    }

    [Theory]
    [StoreData]
    public async Task A_login_moves_the_device_count_once_and_forgets_a_stored_nonce(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, _) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var device = await uow.Devices.RegisterAccessAsync(user, "IMEI:1");
        device.LoginCount.ShouldBe(0);
        (await uow.Devices.SetNonceAsync(device.Id, [1, 2])).ShouldBeTrue();

        (await uow.Devices.RecordLoginAsync(device.Id, 0)).ShouldBeTrue();
        (await uow.Devices.RecordLoginAsync(device.Id, 0)).ShouldBeFalse("a second login with the same count is a replay");
        var got = (await uow.Devices.GetByIdAsync(device.Id))!;
        got.LoginCount.ShouldBe(1);
        got.Nonce.ShouldBeNull();
    }

    [Theory]
    [StoreData]
    public async Task A_rehash_replaces_only_the_hash_it_was_made_from(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, _) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        var before = (await uow.Users.GetAsync(user))!;
        (await uow.Users.RehashPasswordAsync(user, "not-the-stored-hash", "new")).ShouldBeFalse();
        (await uow.Users.RehashPasswordAsync(user, before.PasswordHash, "pbkdf2-sha512$1$AA==$AA==")).ShouldBeTrue();
        var after = (await uow.Users.GetAsync(user))!;
        after.PasswordHash.ShouldBe("pbkdf2-sha512$1$AA==$AA==");
        after.PasswordChanged.ShouldBe(before.PasswordChanged, "a rehash is not a password change");
        after.Md5Credential.ShouldBe(before.Md5Credential);
    }

    [Theory]
    [StoreData]
    public async Task Large_object_chunks_are_kept_in_order_until_taken_or_dropped(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        await using var uow = await Store.BeginAsync();
        var session = await uow.Sessions.CreateAsync(null, null, [], TimeSpan.FromMinutes(10));
        await uow.Sessions.AppendChunkAsync(session.Token, "BEGIN:"u8.ToArray());
        await uow.Sessions.AppendChunkAsync(session.Token, "VCARD"u8.ToArray());
        (await uow.Sessions.TakeChunksAsync(session.Token)).ShouldBe("BEGIN:VCARD"u8.ToArray());
        (await uow.Sessions.TakeChunksAsync(session.Token)).ShouldBeEmpty("taking removes them");

        await uow.Sessions.AppendChunkAsync(session.Token, new byte[] { 1, 2, 3 });
        await uow.Sessions.DeleteChunksAsync(session.Token);
        (await uow.Sessions.TakeChunksAsync(session.Token)).ShouldBeEmpty();
        await Should.ThrowAsync<StorageException>(() => uow.Sessions.AppendChunkAsync("no-such-session", new byte[] { 1 }));
    }

    [Theory]
    [StoreData]
    public async Task A_server_secret_is_created_once_and_kept(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        byte[] first;
        await using (var uow = await Store.BeginAsync())
        {
            first = await uow.Secrets.GetOrCreateAsync("test", 32);
            await uow.CommitAsync();
        }

        first.Length.ShouldBe(32);
        await using (var uow = await Store.BeginAsync())
        {
            (await uow.Secrets.GetOrCreateAsync("test", 32)).ShouldBe(first);
            (await uow.Secrets.GetOrCreateAsync("other", 32)).ShouldNotBe(first);
        }
    }

    [Theory]
    [StoreData]
    public async Task Imported_ids_are_kept_normalized_and_a_duplicate_is_refused(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        var id = Guid.NewGuid();
        await using (var uow = await Store.BeginAsync())
        {
            var added = (await uow.Items.AddAsync(contacts, [new NewItem("text/vcard", Bytes("x"), "import", Id: id.ToString("B").ToUpperInvariant())])).Single();
            added.Id.ShouldBe(id.ToString("D"));
            await uow.CommitAsync();
        }

        await using (var uow = await Store.BeginAsync())
        {
            await Should.ThrowAsync<StorageException>(() => uow.Items.AddAsync(contacts, [new NewItem("text/vcard", Bytes("y"), "import", Id: id.ToString())]));
            await Should.ThrowAsync<StorageException>(() => uow.Items.AddAsync(contacts, [new NewItem("text/vcard", Bytes("y"), "import", Id: "luid-17")]));
        }

        await using var read = await Store.BeginReadAsync();
        (await read.Items.GetAsync(contacts, [id.ToString()])).Single().Content.ShouldBe(Bytes("x").ToArray());
    }

    [Theory]
    [StoreData]
    public async Task A_reader_sees_only_committed_data_while_a_writer_is_open(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, contacts) = await NewUserAsync("alice");
        await using (var seed = await Store.BeginAsync())
        {
            await seed.Items.AddAsync(contacts, [Vcard("committed")]);
            await seed.CommitAsync();
        }

        await using var writer = await Store.BeginAsync();
        await writer.Items.AddAsync(contacts, [Vcard("pending")]);

        var read = Task.Run(async () =>
        {
            await using var reader = await Store.BeginReadAsync();
            return (await reader.Items.CountLiveAsync(contacts), await reader.Items.GetCurrentSequenceAsync(user));
        });
        (await read.WaitAsync(TimeSpan.FromSeconds(20))).ShouldBe((1L, 1L));
        await writer.CommitAsync();
    }

    [Theory]
    [StoreData]
    public async Task Committed_unit_of_work_cannot_be_used_again(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (_, contacts) = await NewUserAsync("alice");
        await using var uow = await Store.BeginAsync();
        await uow.CommitAsync();
        await Should.ThrowAsync<StorageException>(() => uow.Items.AddAsync(contacts, [Vcard("late")]));
        await Should.ThrowAsync<StorageException>(() => uow.CommitAsync());
    }

    private async Task OpenStoreAsync(StoreProvider provider) => testStore = await TestStore.CreateAsync(provider, Clock);

    private static ReadOnlyMemory<byte> Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static NewItem Vcard(string name, byte[]? identityKey = null, string origin = "device:phone") =>
        new("text/vcard", Encoding.UTF8.GetBytes($"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{name};;;;\r\nEND:VCARD\r\n"), origin, identityKey);

    private static NewItem Item(string text) => new("text/plain", Encoding.UTF8.GetBytes(text), "web");

    private async Task<(long User, long Contacts)> NewUserAsync(string name)
    {
        await using var uow = await Store.BeginAsync();
        var user = (await uow.Users.TryCreateAsync(name, PasswordHasher.Hash("secret", 1000)))!;
        var ds = await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts);
        await uow.CommitAsync();
        return (user.Id, ds.Id);
    }
}
