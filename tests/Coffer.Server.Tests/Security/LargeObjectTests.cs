using System.Globalization;
using Coffer.SyncML;

namespace Coffer.Server.Tests.Security;

/// <summary>Finding 5: large objects (OMA-TS-DS_Protocol-V1_2 §6.10) keep to their declared size and MaxObjSize at every chunk.</summary>
[Collection(SecuritySuite.Name)]
public sealed class LargeObjectTests
{
    [Fact]
    public async Task LargeObjectOverrun_ChunksPassingTheDeclaredSize_AreRefusedAtThatChunk()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var phone = new SecurityClient(server.Client, "phone", "alice", "secret");
        (await phone.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        var chunk = new string('x', 60);

        var first = await SendChunkAsync(phone, SyncMessages.Chunk("big", chunk, moreData: true, declaredSize: 100));
        var second = await SendChunkAsync(phone, SyncMessages.Chunk("big", chunk, moreData: true, declaredSize: null));

        first.ShouldBe(StatusCode.ChunkedItemAccepted);

        // 120 bytes of an object announced as 100: refused now, not after the attacker decides to stop.
        second.ShouldBeOneOf(StatusCode.SizeMismatch, StatusCode.RequestEntityTooLarge);
        var end = phone.NewMessage();
        end.Body.Commands.Add(SyncMessages.Sync());
        await phone.FinishAsync(await phone.SendAsync(end));
        (await server.ContactsAsync("alice")).ShouldBeEmpty();
    }

    [Fact]
    public async Task LargeObjectOverrun_DeclaredSizeOverMaxObjSize_Gets413AtTheFirstChunk()
    {
        await using var server = await RunningServer.StartAsync([.. ServerArgs.NoThrottling, "--Coffer:Sync:MaxObjSize=1000"]);
        await server.AddUserAsync("alice", "secret");
        var phone = new SecurityClient(server.Client, "phone", "alice", "secret");
        (await phone.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);

        var first = await SendChunkAsync(phone, SyncMessages.Chunk("big", new string('x', 100), moreData: true, declaredSize: 5000));

        first.ShouldBe(StatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task LargeObjectChunkFlood_OneMessageOf2000TinyChunks_DoesNotBlowUpMemory()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var phone = new SecurityClient(server.Client, "phone", "alice", "secret");
        (await phone.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        const int chunks = 2000;
        const int chunkBytes = 50;
        var m = phone.NewMessage(final: false);
        var sync = SyncMessages.Sync();
        for (var i = 0; i < chunks; i++)
        {
            var data = i.ToString("D6", CultureInfo.InvariantCulture) + new string('y', chunkBytes - 6);
            sync.Commands.Add(SyncMessages.Chunk("big", data, moreData: i < chunks - 1, declaredSize: i == 0 ? chunks * chunkBytes : null));
        }

        m.Body.Commands.Add(sync);
        SyncMessages.NumberCommands(m);
        var bytes = SyncMLXml.ToUtf8Bytes(m);
        SyncReply? reply = null;

        var allocated = await Measure.AllocatedBytesAsync(async () => reply = await phone.PostAsync(bytes, SecurityClient.XmlType));

        // Appending each chunk to the ones before costs chunks² × size / 2 bytes of copies: 200 MB here.
        allocated.ShouldBeLessThan(100L * 1024 * 1024, $"{allocated / (1024 * 1024)} MiB allocated for a {bytes.Length / 1024} KiB message of {chunks} chunks");
        reply.ShouldNotBeNull().HeaderStatus.Code.ShouldBeOneOf(StatusCode.Ok, StatusCode.RequestEntityTooLarge);
    }

    /// <summary>One chunk in a message of its own (§6.10: a chunk is the last item of its message, without Final).</summary>
    private static async Task<int> SendChunkAsync(SecurityClient phone, AddCommand chunk)
    {
        var m = phone.NewMessage(final: false);
        m.Body.Commands.Add(SyncMessages.Sync(chunk));
        var reply = await phone.SendAsync(m);
        reply.HeaderStatus.Code.ShouldBe(StatusCode.Ok, reply.Text);
        return reply.StatusesOf("Add").ShouldHaveSingleItem(reply.Text).Code;
    }
}
