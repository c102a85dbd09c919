using System.Globalization;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Tests.TestSupport;

/// <summary>
/// A scripted device: numbers its messages, sends credentials in the first message of a session, then addresses the
/// RespURI with the token and acknowledges the server's previous reply (every command, as a well-behaved client).
/// </summary>
public sealed class DeviceClient
{
    private readonly EngineHost host;
    private readonly string user;
    private readonly string password;
    private int sessionId;
    private int msgId;

    public DeviceClient(EngineHost host, string user, string password, string deviceId = "IMEI:0001")
    {
        this.host = host;
        this.user = user;
        this.password = password;
        DeviceId = deviceId;
        NewSession();
    }

    public string DeviceId { get; }

    /// <summary>Speak WBXML instead of XML.</summary>
    public bool Wbxml { get; set; }

    public string? Token { get; private set; }

    public SyncMLMessage? LastReply { get; private set; }

    /// <summary>Item commands the server sent in this session, in order.</summary>
    public List<ItemCommand> Received { get; } = [];

    /// <summary>Every exchange of this session.</summary>
    public List<Exchange> Exchanges { get; } = [];

    public void NewSession()
    {
        sessionId++;
        msgId = 0;
        Token = null;
        LastReply = null;
        Received.Clear();
        Exchanges.Clear();
    }

    /// <summary>The next message: credentials when it opens the session, else RespURI + statuses for the last reply.</summary>
    public ClientMessage Message(bool acknowledge = true, Func<ItemCommand, Item, int>? codeFor = null)
    {
        msgId++;
        var m = new ClientMessage(DeviceId, msgId.ToString(CultureInfo.InvariantCulture), sessionId.ToString(CultureInfo.InvariantCulture));
        if (LastReply == null)
        {
            return m.BasicAuth(user, password);
        }

        m.To(LastReply.Header.RespURI!);
        return acknowledge ? m.Acknowledge(LastReply, codeFor) : m;
    }

    public async Task<Exchange> SendAsync(ClientMessage message)
    {
        var exchange = await host.SendAsync(message.Build(), Token, Wbxml);
        Token ??= EngineHost.TokenOf(exchange.Reply);
        LastReply = exchange.Reply;
        Exchanges.Add(exchange);
        Received.AddRange(exchange.Reply.Body.Commands.OfType<SyncCommand>().SelectMany(s => s.Commands).OfType<ItemCommand>());
        return exchange;
    }

    /// <summary>Package 1: one sync Alert (and optionally the device's DevInf).</summary>
    public Task<Exchange> InitAsync(int code, string? last, string next, DeviceInfo? devInf = null, long? maxMsgSize = null, string target = "card", string source = "./contacts")
    {
        var m = Message().Alert(code, target, source, last, next);
        if (devInf != null)
        {
            m.PutDevInf(devInf);
        }

        if (maxMsgSize != null)
        {
            m.MaxMsgSize(maxMsgSize.Value);
        }

        return SendAsync(m.Final());
    }

    /// <summary>Asks for the rest of the server's package (Alert 222) until a reply carries Final; returns every reply.</summary>
    public async Task<List<Exchange>> PullUntilFinalAsync(int limit = 50)
    {
        var replies = new List<Exchange>();
        while (LastReply is { Body.Final: false })
        {
            (replies.Count < limit).ShouldBeTrue("the server never ended its package");
            replies.Add(await SendAsync(Message().NextMessageAlert()));
        }

        return replies;
    }

    /// <summary>Package 5: statuses for the last reply and a Map of every Add received this session (LUID = "m" + n).</summary>
    public async Task<Exchange> MapAndFinishAsync(string target = "card", string source = "./contacts")
    {
        var adds = Received.OfType<AddCommand>().SelectMany(a => a.Items).Where(i => !i.MoreData && i.Source?.LocURI != null).ToList();
        var m = Message();
        if (adds.Count > 0)
        {
            m.Map(target, source, adds.Select((a, n) => ("m" + n.ToString(CultureInfo.InvariantCulture), a.Source!.LocURI!)).ToArray());
        }

        return await SendAsync(m.Final());
    }

    public static DeviceInfo DevInf(bool largeObjects, string deviceId = "IMEI:0001")
    {
        var info = new DeviceInfo
        {
            VerDTD = "1.2",
            Man = "Test",
            Mod = "Scripted",
            DevID = deviceId,
            DevTyp = "phone",
            SupportLargeObjs = largeObjects,
            SupportNumberOfChanges = true,
        };
        var store = new DataStore
        {
            SourceRef = "./contacts",
            RxPref = new ContentTypeRef("text/x-vcard", "2.1"),
            TxPref = new ContentTypeRef("text/x-vcard", "2.1"),
            SyncCap = ["1", "2"],
        };
        info.DataStores.Add(store);
        return info;
    }
}
