using System.Globalization;
using System.Xml.Linq;
using Coffer.Server.Tests.Security;
using Coffer.Storage;
using Coffer.SyncML;

namespace Coffer.Server.Tests.Sync;

/// <summary>
/// Binary items (a file, a photo) through the real /sync endpoint: b64 data (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6) stays
/// bytes end to end, in and out as large objects in chunks (OMA-TS-DS_Protocol-V1_2 §6.10), and the session record
/// never holds the object.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class BinaryItemTests
{
    private const string ServerStore = "files";
    private const string ClientStore = "./files";
    private const string FileType = "application/octet-stream";
    private const int SessionStateLimit = 16 * 1024;

    [Fact]
    public async Task BinaryFile_BackedUpAndRestoredAsChunks_IsByteIdentical_AndTheSessionRecordStaysSmall()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var original = new byte[1024 * 1024];
        new Random(20261206).NextBytes(original);

        // Backup: the old phone sends the file in 200 KiB pieces, each b64 on its own.
        var oldPhone = new SecurityClient(server.Client, "old-phone", "alice", "secret");
        (await LoginAsync(oldPhone)).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        const int piece = 200 * 1024;
        SyncReply? reply = null;
        for (var at = 0; at < original.Length; at += piece)
        {
            var last = at + piece >= original.Length;
            var add = new AddCommand { Meta = new MetInf { Type = FileType, Format = "b64" } };
            add.Items.Add(new Item
            {
                Source = new SyncLocation("photo-1"),
                Meta = at == 0 ? new MetInf { Size = original.Length } : null,
                Data = ItemData.FromText(Convert.ToBase64String(original, at, Math.Min(piece, original.Length - at))),
                MoreData = !last,
            });
            var m = oldPhone.NewMessage(final: last);
            m.Body.Commands.Add(Sync(add));
            reply = await oldPhone.SendAsync(m);
            reply.StatusesOf("Add").Single().Code.ShouldBe(last ? StatusCode.ItemAdded : StatusCode.ChunkedItemAccepted, reply.Text);
            (await SessionStateBytesAsync(server, reply)).ShouldBeLessThan(SessionStateLimit, "the object being received is in the store, not in the session");
        }

        await EndAsync(oldPhone, reply!);
        var stored = await StoredFilesAsync(server, "alice");
        stored.ShouldHaveSingleItem().ShouldBe(original);

        // Restore: a new phone's slow sync receives it in chunks that fit its 150 KB messages.
        var newPhone = new SecurityClient(server.Client, "new-phone", "alice", "secret");
        (await LoginAsync(newPhone, maxMsgSize: 150_000)).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        var package3 = newPhone.NewMessage();
        package3.Header.Meta!.MaxMsgSize = 150_000;
        package3.Body.Commands.Add(Sync());
        reply = await newPhone.SendAsync(package3);
        using var received = new MemoryStream();
        var chunks = 0;
        string? guid = null;
        while (true)
        {
            (await SessionStateBytesAsync(server, reply)).ShouldBeLessThan(SessionStateLimit, "the object being sent is read from the store, not kept in the session");
            var answer = newPhone.NewMessage(final: false);
            answer.Header.Meta!.MaxMsgSize = 150_000;
            foreach (var add in reply.SyncML.Body.Commands.OfType<SyncCommand>().SelectMany(s => s.Commands).OfType<AddCommand>())
            {
                var item = add.Items.Single();
                (item.Meta?.Format ?? add.Meta?.Format).ShouldBe("b64");
                received.Write(Convert.FromBase64String(item.Data!.Text!));
                guid = item.Source!.LocURI;
                chunks++;
                answer.Body.Commands.Add(new StatusCommand { MsgRef = reply.SyncML.Header.MsgID, CmdRef = add.CmdID, Cmd = "Add", Code = item.MoreData ? StatusCode.ChunkedItemAccepted : StatusCode.ItemAdded });
            }

            if (reply.SyncML.Body.Final)
            {
                var map = new MapCommand { Target = new SyncLocation(ServerStore), Source = new SyncLocation(ClientStore) };
                map.MapItems.Add(new MapItem { Source = new SyncLocation("restored-1"), Target = new SyncLocation(guid!) });
                answer.Body.Commands.Add(map);
                answer.Body.Final = true;
                var end = await newPhone.SendAsync(answer);
                end.SyncML.Body.Final.ShouldBeTrue(end.Text);
                break;
            }

            var more = new AlertCommand { Code = AlertCode.NextMessage };
            more.Items.Add(new Item { Target = new SyncLocation(newPhone.SyncUrl), Source = new SyncLocation(newPhone.DeviceId) });
            answer.Body.Commands.Add(more);
            reply = await newPhone.SendAsync(answer);
            chunks.ShouldBeLessThan(100, "the transfer never ended");
        }

        chunks.ShouldBeGreaterThan(5, "1 MiB as b64 does not fit one 150 KB message");
        received.ToArray().ShouldBe(original);
    }

    private static async Task<SyncReply> LoginAsync(SecurityClient phone, long maxMsgSize = 1_000_000)
    {
        phone.StartSession();
        var m = phone.NewMessage(phone.BasicCred, final: true);
        m.Header.Meta!.MaxMsgSize = maxMsgSize;

        // The phone's DevInf says it takes large objects (OMA-TS-DS_DevInf_V1_2 SupportLargeObjs).
        var devInf = XElement.Parse($"""
            <DevInf xmlns="syncml:devinf"><VerDTD>1.2</VerDTD><Man>Coffer</Man><Mod>test</Mod><OEM>-</OEM><FwV>1</FwV><SwV>1</SwV><HwV>1</HwV>
            <DevID>{phone.DeviceId}</DevID><DevTyp>phone</DevTyp><UTC/><SupportLargeObjs/><SupportNumberOfChanges/>
            <DataStore><SourceRef>{ClientStore}</SourceRef><MaxGUIDSize>64</MaxGUIDSize><Rx-Pref><CTType>{FileType}</CTType><VerCT>1.0</VerCT></Rx-Pref>
            <Tx-Pref><CTType>{FileType}</CTType><VerCT>1.0</VerCT></Tx-Pref><SyncCap><SyncType>1</SyncType><SyncType>2</SyncType></SyncCap></DataStore></DevInf>
            """);
        var put = new PutCommand { Meta = new MetInf { Type = "application/vnd.syncml-devinf+xml" } };
        put.Items.Add(new Item { Source = new SyncLocation("./devinf12"), Data = ItemData.FromElement(devInf) });
        m.Body.Commands.Add(put);
        var alert = new AlertCommand { Code = AlertCode.SlowSync };
        alert.Items.Add(new Item
        {
            Target = new SyncLocation(ServerStore),
            Source = new SyncLocation(ClientStore),
            Meta = new MetInf { Anchor = new Anchor { Next = "1" }, MaxObjSize = 4_000_000 },
        });
        m.Body.Commands.Add(alert);
        return await phone.SendAsync(m);
    }

    private static SyncCommand Sync(params SyncMLCommand[] commands)
    {
        var sync = new SyncCommand { Target = new SyncLocation(ServerStore), Source = new SyncLocation(ClientStore) };
        sync.Commands.AddRange(commands);
        return sync;
    }

    /// <summary>Package 5 after the server's (empty) package 4: acknowledges and ends the session.</summary>
    private static async Task EndAsync(SecurityClient phone, SyncReply reply)
    {
        for (var rounds = 0; !reply.SyncML.Body.Final; rounds++)
        {
            rounds.ShouldBeLessThan(20);
            var more = phone.NewMessage(final: false);
            var alert = new AlertCommand { Code = AlertCode.NextMessage };
            alert.Items.Add(new Item { Target = new SyncLocation(phone.SyncUrl), Source = new SyncLocation(phone.DeviceId) });
            more.Body.Commands.Add(alert);
            reply = await phone.SendAsync(more);
        }

        var end = await phone.SendAsync(phone.NewMessage());
        end.SyncML.Body.Final.ShouldBeTrue(end.Text);
    }

    private static async Task<long> SessionStateBytesAsync(RunningServer server, SyncReply reply)
    {
        var token = reply.Token.ShouldNotBeNull(reply.Text);
        await using var read = await server.Store.BeginReadAsync();
        var record = (await read.Sessions.GetAsync(token)).ShouldNotBeNull();
        return record.State.Length;
    }

    private static async Task<List<byte[]>> StoredFilesAsync(RunningServer server, string user)
    {
        await using var read = await server.Store.BeginReadAsync();
        var account = (await read.Users.FindByNameAsync(user)).ShouldNotBeNull();
        var datastore = (await read.Datastores.GetAsync(account.Id, DatastoreKind.Files)).ShouldNotBeNull();
        var items = await read.Items.ListLiveAsync(datastore.Id, 0, 10);
        var full = await read.Items.GetAsync(datastore.Id, items.Select(i => i.Id).ToList(), true);
        return [.. full.Select(i => i.Content ?? [])];
    }
}
