using Coffer.Storage;
using Coffer.Sync.Engine;
using Coffer.Sync.Sessions;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Engine.Parts;

/// <summary>
/// <see cref="LargeObjectReceiver"/> alone (OMA-TS-DS_Protocol-V1_2 §6.10): chunks of one object arrive in separate
/// messages, each in its own transaction; the object's bytes collect in the store, never in the session state.
/// </summary>
public sealed class LargeObjectReceiverTests
{
    [Fact]
    public async Task Chunks_in_separate_messages_make_the_object_byte_for_byte_and_the_session_state_stays_small()
    {
        await using var harness = await PartHarness.CreateAsync();
        var state = new SessionState();
        var ds = await harness.OpenDatastoreAsync(state, DatastoreKind.Files, "./files", "files");
        var data = new byte[1 << 20];
        new Random(13).NextBytes(data);
        var pieces = data.Chunk(300_000).ToList();

        ReceivedObject? complete = null;
        var userId = 0L;
        var stateSizes = new List<int>();
        for (var i = 0; i < pieces.Count; i++)
        {
            await using var uow = await harness.Host.Store.BeginAsync();
            var ctx = harness.Context(uow, state, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (command, item) = Chunk(pieces[i], first: i == 0, more: i < pieces.Count - 1, data.Length);
            userId = ctx.User.Id;
            complete = await new LargeObjectReceiver(ctx, 32 << 20, 32 << 20).ReceiveAsync(ds, ClientItemOf(command, item), item, pieces[i], default);
            await uow.CommitAsync();

            if (i < pieces.Count - 1)
            {
                PartHarness.Statuses(ctx).Single().Code.ShouldBe(StatusCode.ChunkedItemAccepted);
                complete.ShouldBeNull();
            }
            else
            {
                PartHarness.Statuses(ctx).ShouldBeEmpty("the completed item is answered by the part that stores it");
            }

            stateSizes.Add(SessionStateSerializer.Serialize(state).Length);
            state = SessionStateSerializer.Deserialize(SessionStateSerializer.Serialize(state));
        }

        // A file is a blob: its chunks went into the blob store as they filled, and the receiver hands over the manifest.
        var manifest = complete.ShouldNotBeNull().Manifest.ShouldNotBeNull();
        await using (var read = await harness.Host.Store.BeginReadAsync())
        {
            (await new BlobStore(read).ReadAllAsync(userId, manifest)).SequenceEqual(data).ShouldBeTrue();
        }

        state.Incoming.ShouldBeNull();
        stateSizes.ShouldAllBe(size => size < 2_000, "the session state never carries the object's data");
    }

    [Fact]
    public async Task A_chunk_that_takes_the_object_past_MaxObjSize_is_refused_with_413_and_what_came_is_dropped()
    {
        await using var harness = await PartHarness.CreateAsync();
        var state = new SessionState();
        var ds = await harness.OpenDatastoreAsync(state, DatastoreKind.Files, "./files", "files");
        var piece = new byte[600];

        await using var uow = await harness.Host.Store.BeginAsync();
        var ctx = harness.Context(uow, state);
        var receiver = new LargeObjectReceiver(ctx, 1_000, 1_000);
        var (first, firstItem) = Chunk(piece, first: true, more: true, null);
        firstItem.Meta = new MetInf { Size = 900 };
        (await receiver.ReceiveAsync(ds, ClientItemOf(first, firstItem), firstItem, piece, default)).ShouldBeNull();
        var (second, secondItem) = Chunk(piece, first: false, more: true, null);
        (await receiver.ReceiveAsync(ds, ClientItemOf(second, secondItem), secondItem, piece, default)).ShouldBeNull();

        PartHarness.Statuses(ctx).Select(s => s.Code).ShouldBe([StatusCode.ChunkedItemAccepted, StatusCode.RequestEntityTooLarge]);
        state.Incoming.ShouldBeNull();
        (await uow.Sessions.TakeChunksAsync(harness.Token)).ShouldBeEmpty();
    }

    private static (AddCommand Command, Item Item) Chunk(byte[] piece, bool first, bool more, long? size)
    {
        var item = new Item { Source = new SyncLocation("photo-1"), MoreData = more, Data = ItemData.FromText(Convert.ToBase64String(piece)) };
        if (first && size != null)
        {
            item.Meta = new MetInf { Size = size };
        }

        var command = new AddCommand { CmdID = "5", Meta = new MetInf { Type = "application/octet-stream", Format = "b64" } };
        command.Items.Add(item);
        return (command, item);
    }

    private static ClientItem ClientItemOf(AddCommand command, Item item) =>
        new(command, item.Source?.LocURI, null, "application/octet-stream", new Dictionary<string, string>());
}
