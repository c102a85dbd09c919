using System.Globalization;
using System.Xml.Linq;
using Coffer.Server.Tests.Security;
using Coffer.Storage;
using Coffer.SyncML;

namespace Coffer.Server.Tests.Sync;

/// <summary>
/// Binary items (a file, a photo) through the real /sync endpoint: b64 data (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6) stays
/// bytes end to end, in and out as large objects in chunks (OMA-TS-DS_Protocol-V1_2 §6.10), and the session record
/// never holds the object. Files, photos, mail and SMS are blobs: stored content-addressed and de-duplicated per user,
/// backed up one way from the client by default and restored with a refresh from the server (seed 000 §4.1).
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

        // Restore: a new phone's refresh from the server receives it in chunks that fit its 150 KB messages.
        var newPhone = new SecurityClient(server.Client, "new-phone", "alice", "secret");
        (await LoginAsync(newPhone, maxMsgSize: 150_000, alert: AlertCode.RefreshFromServer)).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
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

    [Fact]
    public async Task Mail_and_SMS_are_backed_up_one_way_and_come_back_byte_identical_with_a_refresh_from_the_server()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var latin1 = System.Text.Encoding.Latin1;
        byte[][] mails =
        [
            latin1.GetBytes("From: a@example.org\r\nTo: b@example.org\r\nSubject: Hi\r\n\r\nFirst line\r\n\r\n-- \r\nA\r\n"),
            latin1.GetBytes("From: c@example.org\r\nSubject: =?ISO-8859-1?Q?caf=E9?=\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\ncaf\u00e9 \r\nline with trailing space \n bare LF\r\n"),
        ];
        byte[][] messages =
        [
            System.Text.Encoding.UTF8.GetBytes("BEGIN:VMSG\r\nVERSION:1.1\r\nX-IRMC-STATUS:READ\r\nX-IRMC-BOX:INBOX\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nTEL:+4930123\r\nEND:VCARD\r\nBEGIN:VENV\r\nBEGIN:VBODY\r\nDate:07.12.2026 02:00:00\r\nSee you at 8 \u263a\r\nEND:VBODY\r\nEND:VENV\r\nEND:VMSG\r\n"),
        ];

        await BackupAsync(new SecurityClient(server.Client, "phone", "alice", "secret"), "mail", "./mail", "message/rfc822", [("m1", mails[0]), ("m2", mails[1])], piece: 64 * 1024);
        await BackupAsync(new SecurityClient(server.Client, "phone", "alice", "secret"), "sms", "./sms", "text/x-vMessage", [("s1", messages[0])], piece: 64 * 1024);
        (await StoredFilesAsync(server, "alice", DatastoreKind.Mail)).ShouldBe(mails, ignoreOrder: true);
        (await StoredFilesAsync(server, "alice", DatastoreKind.Sms)).ShouldBe(messages, ignoreOrder: true);

        // One way from the client by default (seed 000 §4.1): another phone's slow sync gets nothing back...
        var other = new SecurityClient(server.Client, "other-phone", "alice", "secret");
        (await ReceiveAllAsync(other, AlertCode.SlowSync, "mail", "./mail", "message/rfc822", 100_000)).ShouldBeEmpty();

        // ... and a refresh from the server restores everything, byte for byte.
        var restored = new SecurityClient(server.Client, "new-phone", "alice", "secret");
        (await ReceiveAllAsync(restored, AlertCode.RefreshFromServer, "mail", "./mail", "message/rfc822", 100_000)).ShouldBe(mails, ignoreOrder: true);
        (await ReceiveAllAsync(restored, AlertCode.RefreshFromServer, "sms", "./sms", "text/x-vMessage", 100_000)).ShouldBe(messages, ignoreOrder: true);
    }

    [Fact]
    public async Task A_large_file_over_several_messages_is_stored_once_per_user_and_restored_whole()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        await server.AddUserAsync("bob", "secret");
        var video = new byte[(3 * 1024 * 1024) + 12345];
        new Random(7).NextBytes(video);

        // The same file in two folders of alice's phone, then on bob's phone, each in 256 KiB pieces.
        await BackupAsync(new SecurityClient(server.Client, "phone-a", "alice", "secret"), ServerStore, ClientStore, "video/mp4", [("DCIM/a.mp4", video), ("Backup/a.mp4", video)], piece: 256 * 1024);
        await BackupAsync(new SecurityClient(server.Client, "phone-b", "bob", "secret"), ServerStore, ClientStore, "video/mp4", [("DCIM/b.mp4", video)], piece: 256 * 1024);

        (await StoredFilesAsync(server, "alice")).ShouldBe([video, video]);
        (await ChunkCountAsync(server, "alice")).ShouldBe(4, "3 MiB and a bit in 1 MiB chunks, once for both folders");
        (await ChunkCountAsync(server, "bob")).ShouldBe(4, "bob's copy is his own");

        var restored = await ReceiveAllAsync(new SecurityClient(server.Client, "new-phone", "alice", "secret"), AlertCode.RefreshFromServer, ServerStore, ClientStore, "video/mp4", 1_000_000);
        restored.Count.ShouldBe(2);
        restored.ShouldAllBe(r => r.SequenceEqual(video));
    }

    /// <summary>A backup session: each item in pieces of b64 (large objects when bigger than a piece), then the end of the session.</summary>
    private static async Task BackupAsync(SecurityClient phone, string serverStore, string clientStore, string type, IReadOnlyList<(string Luid, byte[] Content)> items, int piece)
    {
        (await LoginAsync(phone, serverStore: serverStore, clientStore: clientStore, type: type)).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        SyncReply? reply = null;
        for (var n = 0; n < items.Count; n++)
        {
            var (luid, content) = items[n];
            for (var at = 0; at == 0 || at < content.Length; at += piece)
            {
                var lastPiece = at + piece >= content.Length;
                var add = new AddCommand { Meta = new MetInf { Type = type, Format = "b64" } };
                add.Items.Add(new Item
                {
                    Source = new SyncLocation(luid),
                    Meta = at == 0 && !lastPiece ? new MetInf { Size = content.Length } : null,
                    Data = ItemData.FromText(Convert.ToBase64String(content, at, Math.Min(piece, content.Length - at))),
                    MoreData = !lastPiece,
                });
                var m = phone.NewMessage(final: lastPiece && n == items.Count - 1);
                m.Body.Commands.Add(Sync(serverStore, clientStore, add));
                reply = await phone.SendAsync(m);
                reply.StatusesOf("Add").Single().Code.ShouldBe(lastPiece ? StatusCode.ItemAdded : StatusCode.ChunkedItemAccepted, reply.Text);
            }
        }

        await EndAsync(phone, reply!);
    }

    /// <summary>A session of <paramref name="alert"/> that sends nothing and receives every item the server sends, chunks joined.</summary>
    private static async Task<List<byte[]>> ReceiveAllAsync(SecurityClient phone, int alert, string serverStore, string clientStore, string type, long maxMsgSize)
    {
        (await LoginAsync(phone, maxMsgSize, alert, serverStore, clientStore, type)).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        var package3 = phone.NewMessage();
        package3.Header.Meta!.MaxMsgSize = maxMsgSize;
        package3.Body.Commands.Add(Sync(serverStore, clientStore));
        var reply = await phone.SendAsync(package3);
        var items = new List<byte[]>();
        var map = new MapCommand { Target = new SyncLocation(serverStore), Source = new SyncLocation(clientStore) };
        using var current = new MemoryStream();
        for (var rounds = 0; ; rounds++)
        {
            rounds.ShouldBeLessThan(200, "the transfer never ended");
            var answer = phone.NewMessage(final: false);
            answer.Header.Meta!.MaxMsgSize = maxMsgSize;
            foreach (var add in reply.SyncML.Body.Commands.OfType<SyncCommand>().SelectMany(s => s.Commands).OfType<AddCommand>())
            {
                var item = add.Items.Single();
                (item.Meta?.Format ?? add.Meta?.Format).ShouldBe("b64", "blobs go out as b64");
                current.Write(Convert.FromBase64String(item.Data!.Text!));
                if (!item.MoreData)
                {
                    items.Add(current.ToArray());
                    current.SetLength(0);
                    map.MapItems.Add(new MapItem { Source = new SyncLocation("r" + items.Count.ToString(CultureInfo.InvariantCulture)), Target = new SyncLocation(item.Source!.LocURI!) });
                }

                answer.Body.Commands.Add(new StatusCommand { MsgRef = reply.SyncML.Header.MsgID, CmdRef = add.CmdID, Cmd = "Add", Code = item.MoreData ? StatusCode.ChunkedItemAccepted : StatusCode.ItemAdded });
            }

            if (reply.SyncML.Body.Final)
            {
                if (map.MapItems.Count > 0)
                {
                    answer.Body.Commands.Add(map);
                }

                answer.Body.Final = true;
                var end = await phone.SendAsync(answer);
                end.SyncML.Body.Final.ShouldBeTrue(end.Text);
                return items;
            }

            var more = new AlertCommand { Code = AlertCode.NextMessage };
            more.Items.Add(new Item { Target = new SyncLocation(phone.SyncUrl), Source = new SyncLocation(phone.DeviceId) });
            answer.Body.Commands.Add(more);
            reply = await phone.SendAsync(answer);
        }
    }

    private static async Task<SyncReply> LoginAsync(SecurityClient phone, long maxMsgSize = 1_000_000, int alert = AlertCode.SlowSync, string serverStore = ServerStore, string clientStore = ClientStore, string type = FileType)
    {
        phone.StartSession();
        var m = phone.NewMessage(phone.BasicCred, final: true);
        m.Header.Meta!.MaxMsgSize = maxMsgSize;

        // The phone's DevInf says it takes large objects (OMA-TS-DS_DevInf_V1_2 SupportLargeObjs).
        var devInf = XElement.Parse($"""
            <DevInf xmlns="syncml:devinf"><VerDTD>1.2</VerDTD><Man>Coffer</Man><Mod>test</Mod><OEM>-</OEM><FwV>1</FwV><SwV>1</SwV><HwV>1</HwV>
            <DevID>{phone.DeviceId}</DevID><DevTyp>phone</DevTyp><UTC/><SupportLargeObjs/><SupportNumberOfChanges/>
            <DataStore><SourceRef>{clientStore}</SourceRef><MaxGUIDSize>64</MaxGUIDSize><Rx-Pref><CTType>{type}</CTType><VerCT>1.0</VerCT></Rx-Pref>
            <Tx-Pref><CTType>{type}</CTType><VerCT>1.0</VerCT></Tx-Pref><SyncCap><SyncType>1</SyncType><SyncType>2</SyncType></SyncCap></DataStore></DevInf>
            """);
        var put = new PutCommand { Meta = new MetInf { Type = "application/vnd.syncml-devinf+xml" } };
        put.Items.Add(new Item { Source = new SyncLocation("./devinf12"), Data = ItemData.FromElement(devInf) });
        m.Body.Commands.Add(put);
        var alertCommand = new AlertCommand { Code = alert };
        alertCommand.Items.Add(new Item
        {
            Target = new SyncLocation(serverStore),
            Source = new SyncLocation(clientStore),
            Meta = new MetInf { Anchor = new Anchor { Next = phone.NextAnchor }, MaxObjSize = 64_000_000 },
        });
        m.Body.Commands.Add(alertCommand);
        return await phone.SendAsync(m);
    }

    private static SyncCommand Sync(params SyncMLCommand[] commands) => Sync(ServerStore, ClientStore, commands);

    private static SyncCommand Sync(string serverStore, string clientStore, params SyncMLCommand[] commands)
    {
        var sync = new SyncCommand { Target = new SyncLocation(serverStore), Source = new SyncLocation(clientStore) };
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

    private static async Task<List<byte[]>> StoredFilesAsync(RunningServer server, string user, DatastoreKind kind = DatastoreKind.Files)
    {
        await using var read = await server.Store.BeginReadAsync();
        var account = (await read.Users.FindByNameAsync(user)).ShouldNotBeNull();
        var datastore = (await read.Datastores.GetAsync(account.Id, kind)).ShouldNotBeNull();
        var items = await read.Items.ListLiveAsync(datastore.Id, 0, 10);
        var full = await read.Items.GetAsync(datastore.Id, items.Select(i => i.Id).ToList(), true);
        var blobs = new BlobStore(read);
        var contents = new List<byte[]>();
        foreach (var item in full)
        {
            BlobManifest.IsManifest(item.Content).ShouldBeTrue("a version of a blob datastore holds a manifest, not the content");
            var manifest = BlobManifest.Parse(item.Content);
            item.Size.ShouldBe(manifest.Size, "the item's size (what quotas count) is the content's, not the manifest's");
            contents.Add(await blobs.ReadAllAsync(account.Id, manifest));
        }

        return contents;
    }

    private static async Task<long> ChunkCountAsync(RunningServer server, string user)
    {
        await using var read = await server.Store.BeginReadAsync();
        var account = (await read.Users.FindByNameAsync(user)).ShouldNotBeNull();
        return (await read.BlobChunks.CountAsync(account.Id)).Chunks;
    }
}
