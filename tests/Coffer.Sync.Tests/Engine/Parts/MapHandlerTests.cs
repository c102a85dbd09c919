using Coffer.Storage;
using Coffer.Sync.Engine;
using Coffer.Sync.Sessions;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Engine.Parts;

/// <summary>
/// <see cref="MapHandler"/> alone (OMA-TS-DS_Protocol-V1_2 §5.7): a Map records the LUIDs a device gave our items, and
/// only for items of the datastore it names.
/// </summary>
public sealed class MapHandlerTests
{
    [Fact]
    public async Task A_Map_naming_another_users_item_gets_404_and_maps_only_the_devices_own_items()
    {
        await using var harness = await PartHarness.CreateAsync();
        var state = new SessionState();
        var ds = await harness.OpenDatastoreAsync(state, DatastoreKind.Contacts, "./contacts", "card");
        var mine = await harness.Host.AddServerItemsAsync("alice", DatastoreKind.Contacts, "text/vcard", [Cards.Card("Mine")]);
        await harness.Host.CreateUserAsync("bob", "secret");
        var theirs = await harness.Host.AddServerItemsAsync("bob", DatastoreKind.Contacts, "text/vcard", [Cards.Card("Theirs")]);

        await using var uow = await harness.Host.Store.BeginAsync();
        var ctx = harness.Context(uow, state);
        var map = new MapCommand { CmdID = "4", Target = new SyncLocation("card"), Source = new SyncLocation("./contacts") };
        map.MapItems.Add(new MapItem { Source = new SyncLocation("1"), Target = new SyncLocation(mine[0]) });
        map.MapItems.Add(new MapItem { Source = new SyncLocation("2"), Target = new SyncLocation(theirs[0]) });
        await new MapHandler(ctx).HandleAsync(map, default);

        PartHarness.Statuses(ctx).Single().Code.ShouldBe(StatusCode.NotFound);
        var mapped = await uow.IdMaps.GetGuidsAsync(harness.Device.Id, ds.DatastoreId, ["1", "2"]);
        mapped.ShouldBe(new Dictionary<string, string> { ["1"] = mine[0] });
    }

    [Fact]
    public async Task A_Map_for_a_datastore_not_in_the_session_gets_404()
    {
        await using var harness = await PartHarness.CreateAsync();
        await using var uow = await harness.Host.Store.BeginAsync();
        var ctx = harness.Context(uow, new SessionState());
        var map = new MapCommand { CmdID = "4", Target = new SyncLocation("cal"), Source = new SyncLocation("./calendar") };
        map.MapItems.Add(new MapItem { Source = new SyncLocation("1"), Target = new SyncLocation("x") });

        await new MapHandler(ctx).HandleAsync(map, default);

        PartHarness.Statuses(ctx).Single().Code.ShouldBe(StatusCode.NotFound);
    }
}
