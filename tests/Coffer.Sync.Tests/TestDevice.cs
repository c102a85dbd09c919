using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Coffer.Sync.Engine;
using Coffer.SyncML;

namespace Coffer.Sync.Tests;

/// <summary>
/// A minimal OMA DS 1.2 client for engine tests: it keeps its own items by LUID, runs one session per
/// <see cref="SyncAsync"/> (package 1 Alert [+ Put DevInf], package 3 its changes, package 5 statuses and Map,
/// OMA-TS-DS_Protocol-V1_2 §5) and applies what the server sends. Messages are built and read with SyncMLXml.
/// </summary>
internal sealed class TestDevice(SyncEngine engine, string deviceId, string? devInfXml, string contentType)
{
    private const string Endpoint = "http://localhost/sync";
    private const string ClientUri = "./contacts";
    private int sessionId;
    private int nextLuid;
    private string? lastAnchor;
    private string? token;
    private int msgId;
    private int cmdId;

    /// <summary>The device's address book: LUID → item text as the server sent it or the device created it.</summary>
    public Dictionary<string, string> Items { get; } = [];

    /// <summary>The Alert code the server answered in the last session (201 when it demanded a slow sync).</summary>
    public int ServerAlert { get; private set; }

    /// <summary>Status codes the server gave the device's Add/Replace/Delete commands in the last session.</summary>
    public List<int> ChangeStatuses { get; } = [];

    public string AddLocal(string text)
    {
        var luid = "L" + (++nextLuid).ToString(CultureInfo.InvariantCulture);
        Items[luid] = text;
        return luid;
    }

    /// <summary>One session: <paramref name="alert"/> is 200 two-way, 201 slow, 205 refresh from server; <paramref name="changes"/> go in package 3.</summary>
    public async Task SyncAsync(int alert, params SyncMLCommand[] changes)
    {
        sessionId++;
        msgId = 0;
        token = null;
        ChangeStatuses.Clear();
        var next = "A" + sessionId.ToString(CultureInfo.InvariantCulture);

        var m1 = NewMessage(withCred: true);
        if (devInfXml != null)
        {
            var put = new PutCommand { Meta = new MetInf { Type = "application/vnd.syncml-devinf+xml" } };
            put.Items.Add(new Item { Source = new SyncLocation("./devinf12"), Data = ItemData.FromElement(XElement.Parse(devInfXml)) });
            Add(m1, put);
        }

        var a = new AlertCommand { Code = alert };
        a.Items.Add(new Item
        {
            Target = new SyncLocation("contacts"),
            Source = new SyncLocation(ClientUri),
            Meta = new MetInf { Anchor = new Anchor { Last = lastAnchor, Next = next } },
        });
        Add(m1, a);
        var r1 = await SendAsync(m1);
        ServerAlert = r1.Body.Commands.OfType<AlertCommand>().Single(c => c.Code is >= 200 and <= 210).Code!.Value;

        var m2 = NewMessage(withCred: false);
        var sync = new SyncCommand { Target = new SyncLocation("contacts"), Source = new SyncLocation(ClientUri) };
        foreach (var change in changes)
        {
            change.CmdID = null;
            sync.Commands.Add(change);
        }

        Add(m2, sync);
        foreach (var c in sync.Commands)
        {
            c.CmdID = Next();
        }

        var r2 = await SendAsync(m2);
        var changeIds = sync.Commands.Select(c => c.CmdID).ToHashSet();
        ChangeStatuses.AddRange(r2.Body.Commands.OfType<StatusCommand>().Where(s => changeIds.Contains(s.CmdRef)).Select(s => s.Code));

        // Package 4 may span several messages: ask for the next one (Alert 222) until Final.
        var m3 = NewMessage(withCred: false);
        var map = new MapCommand { Target = new SyncLocation("contacts"), Source = new SyncLocation(ClientUri) };
        var reply = r2;
        while (true)
        {
            Apply(reply, m3, map);
            if (reply.Body.Final)
            {
                break;
            }

            var more = new AlertCommand { Code = 222 };
            more.Items.Add(new Item { Target = new SyncLocation(Endpoint), Source = new SyncLocation(deviceId) });
            Add(m3, more);
            m3.Body.Final = false;
            reply = await SendAsync(m3);
            m3 = NewMessage(withCred: false);
        }

        if (map.MapItems.Count > 0)
        {
            Add(m3, map);
        }

        var r3 = await SendAsync(m3);
        r3.Body.Final.ShouldBeTrue();
        lastAnchor = next;
    }

    private void Apply(SyncMLMessage reply, SyncMLMessage answer, MapCommand map)
    {
        foreach (var sync in reply.Body.Commands.OfType<SyncCommand>())
        {
            foreach (var command in sync.Commands.OfType<ItemCommand>())
            {
                var item = command.Items.Single();
                switch (command)
                {
                    case AddCommand:
                        var luid = AddLocal(item.Data!.ToString());
                        map.MapItems.Add(new MapItem { Source = new SyncLocation(luid), Target = new SyncLocation(item.Source!.LocURI!) });
                        break;
                    case ReplaceCommand:
                        Items[item.Target!.LocURI!] = item.Data!.ToString();
                        break;
                    case DeleteCommand:
                        Items.Remove(item.Target!.LocURI!);
                        break;
                }

                var status = new StatusCommand { MsgRef = reply.Header.MsgID, CmdRef = command.CmdID, Cmd = command.ElementName, Code = 200 };
                Add(answer, status);
            }
        }
    }

    private SyncMLMessage NewMessage(bool withCred)
    {
        cmdId = 0;
        var m = new SyncMLMessage();
        m.Header.VerDTD = "1.2";
        m.Header.VerProto = "SyncML/1.2";
        m.Header.SessionID = sessionId.ToString(CultureInfo.InvariantCulture);
        m.Header.MsgID = (++msgId).ToString(CultureInfo.InvariantCulture);
        m.Header.Target = new SyncLocation(Endpoint);
        m.Header.Source = new SyncLocation(deviceId, "alice");
        m.Header.Meta = new MetInf { MaxMsgSize = 200_000, MaxObjSize = 4_000_000 };
        if (withCred)
        {
            m.Header.Cred = new Cred
            {
                Meta = new MetInf { Type = "syncml:auth-basic", Format = "b64" },
                Data = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:secret")),
            };
        }

        m.Body.Final = true;
        return m;
    }

    private void Add(SyncMLMessage m, SyncMLCommand c)
    {
        c.CmdID ??= Next();
        m.Body.Commands.Add(c);
    }

    private string Next() => (++cmdId).ToString(CultureInfo.InvariantCulture);

    private async Task<SyncMLMessage> SendAsync(SyncMLMessage message)
    {
        var response = await engine.HandleAsync(new SyncRequest(SyncMLXml.ToUtf8Bytes(message), SyncEngine.XmlContentType, token, Endpoint));
        response.HttpStatus.ShouldBe(200);
        var reply = SyncMLXml.Parse(response.Body.AsSpan());
        var header = reply.Body.Commands.OfType<StatusCommand>().FirstOrDefault(s => s.Cmd == "SyncHdr");
        if (header != null)
        {
            header.Code.ShouldBeOneOf(200, 212);
        }

        var resp = reply.Header.RespURI;
        if (resp != null && resp.Contains("s=", StringComparison.Ordinal))
        {
            token = Uri.UnescapeDataString(resp[(resp.IndexOf("s=", StringComparison.Ordinal) + 2)..]);
        }

        return reply;
    }

    /// <summary>A change for package 3: an Add of a new local item, or a Replace of an existing one.</summary>
    public SyncMLCommand Change(string luid, bool add)
    {
        ItemCommand c = add ? new AddCommand() : new ReplaceCommand();
        c.Meta = new MetInf { Type = contentType };
        c.Items.Add(new Item { Source = new SyncLocation(luid), Data = ItemData.FromText(Items[luid]) });
        return c;
    }
}
