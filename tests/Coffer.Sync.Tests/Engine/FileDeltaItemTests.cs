using System.Security.Cryptography;
using Coffer.Formats.AppData;
using Coffer.Storage;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Engine;

/// <summary>
/// A Replace of an app data file carrying a file delta (docs/file-delta.md), through the engine: a delta against the
/// stored copy is applied and the result stored as the item's new version; a delta against another base is 409, an
/// unreadable one or one that does not build the file it names 400, and after either the stored copy is as it was.
/// </summary>
public sealed class FileDeltaItemTests
{
    private const string Name = "; name*=UTF-8''com.example.game%2Fassets.pak";
    private static readonly byte[] Base = RandomBytes(3 << 20, 1);

    [Fact]
    public async Task A_delta_against_the_stored_copy_is_applied_and_stored_as_the_new_version()
    {
        await using var host = new EngineHost();
        var client = await StoredAsync(host);
        var expected = Base[..1_000_000].Concat(RandomBytes(777, 2)).Concat(Base[1_000_000..3_000_000]).ToArray();
        var delta = Delta(Base, w =>
        {
            w.Copy(0, 1_000_000);
            w.Literal(expected.AsSpan(1_000_000, 777));
            w.Copy(1_000_000, 2_000_000);
        }, expected);

        (await ReplaceAsync(client, delta)).ShouldBe(StatusCode.Ok);
        var stored = await StoredAsync(host, "alice");
        stored.Content.SequenceEqual(expected).ShouldBeTrue();
        stored.ContentType.ShouldStartWith("application/octet-stream");
    }

    [Fact]
    public async Task A_delta_against_another_base_is_409_and_the_copy_stays()
    {
        await using var host = new EngineHost();
        var client = await StoredAsync(host);
        var other = Base.ToArray();
        other[5] ^= 1;
        var delta = Delta(other, w => w.Copy(0, 1000), other[..1000]);

        (await ReplaceAsync(client, delta)).ShouldBe(StatusCode.Conflict);
        (await StoredAsync(host, "alice")).Content.SequenceEqual(Base).ShouldBeTrue();
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("wrong result")]
    [InlineData("copy outside the base")]
    public async Task A_bad_delta_is_400_and_the_copy_stays(string kind)
    {
        await using var host = new EngineHost();
        var client = await StoredAsync(host);
        var delta = kind switch
        {
            "garbage" => RandomBytes(500, 3),
            "wrong result" => Delta(Base, w => w.Copy(0, 1000), Base[1..1001]),
            _ => Delta(Base, w => w.Copy(Base.Length - 10, 20), new byte[20]),
        };

        (await ReplaceAsync(client, delta)).ShouldBe(StatusCode.BadRequest);
        (await StoredAsync(host, "alice")).Content.SequenceEqual(Base).ShouldBeTrue();
    }

    /// <summary>A device that added the base file in a first session and opened a second one.</summary>
    private static async Task<DeviceClient> StoredAsync(EngineHost host)
    {
        await host.CreateUserAsync("alice", "pw");
        var client = new DeviceClient(host, "alice", "pw");
        await client.InitAsync(AlertCode.SlowSync, null, "a1", target: "appdata", source: "./appdata");
        var add = Binary(new AddCommand(), Base, "application/octet-stream" + Name);
        var added = await client.SendAsync(client.Message().Sync("appdata", "./appdata", s => s.Command(add)).Final());
        added.CodeFor(add.CmdID!).ShouldBe(StatusCode.ItemAdded);
        await client.PullUntilFinalAsync();
        await client.MapAndFinishAsync("appdata", "./appdata");
        client.NewSession();
        await client.InitAsync(AlertCode.TwoWay, "a1", "a2", target: "appdata", source: "./appdata");
        return client;
    }

    private static async Task<int> ReplaceAsync(DeviceClient client, byte[] delta)
    {
        var replace = Binary(new ReplaceCommand(), delta, FileDeltaCodec.ContentType + Name);
        var exchange = await client.SendAsync(client.Message().Sync("appdata", "./appdata", s => s.Command(replace)).Final());
        return exchange.CodeFor(replace.CmdID!);
    }

    private static ItemCommand Binary(ItemCommand command, byte[] content, string type)
    {
        command.Meta = new MetInf { Type = type, Format = "b64" };
        command.Items.Add(new Item { Source = new SyncLocation("f1"), Data = ItemData.FromText(Convert.ToBase64String(content)) });
        return command;
    }

    private static async Task<(byte[] Content, string ContentType)> StoredAsync(EngineHost host, string user)
    {
        await using var uow = await host.Store.BeginReadAsync();
        var account = (await uow.Users.FindByNameAsync(user)).ShouldNotBeNull();
        var ds = (await uow.Datastores.GetAsync(account.Id, DatastoreKind.AppData)).ShouldNotBeNull();
        var item = (await uow.Items.ListLiveAsync(ds.Id, 0, 10, true)).Single();
        await using var stream = new BlobStore(uow).OpenRead(account.Id, BlobManifest.Parse(item.Content!));
        using var content = new MemoryStream();
        await stream.CopyToAsync(content);
        return (content.ToArray(), item.ContentType);
    }

    private static byte[] Delta(byte[] baseContent, Action<FileDeltaWriter> ops, byte[] result)
    {
        using var output = new MemoryStream();
        using (var writer = new FileDeltaWriter(output, baseContent.Length, SHA256.HashData(baseContent)))
        {
            ops(writer);
            writer.Finish(result.Length, SHA256.HashData(result));
        }

        return output.ToArray();
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
