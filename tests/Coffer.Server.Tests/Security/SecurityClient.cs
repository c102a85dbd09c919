using System.Globalization;
using System.Net.Http.Headers;
using Coffer.SyncML;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// One device talking SyncML 1.2 XML to the running server over HTTP: it numbers messages within its sessions,
/// follows RespURI, and can run a whole session (packages 1, 3 and 5 of OMA-TS-DS_Protocol-V1_2 §5) with basic
/// credentials. Everything else a replay needs (other credentials, other URLs, raw bodies) it sends as given.
/// </summary>
public sealed class SecurityClient(HttpClient http, string deviceId, string user, string password)
{
    public const string XmlType = "application/vnd.syncml+xml";
    public const string WbxmlType = "application/vnd.syncml+wbxml";

    private int session;
    private int msgId;
    private int luids;

    public string DeviceId { get; } = deviceId;

    public string User { get; } = user;

    public string Password { get; } = password;

    /// <summary>Where the next message goes: the RespURI of the current session, or /sync before one exists.</summary>
    public string? RespUri { get; set; }

    /// <summary>The Next anchor of the last completed session (the Last anchor of the next two-way sync, §5.6).</summary>
    public string? LastAnchor { get; private set; }

    /// <summary>Every session token the server handed this device (in RespURI).</summary>
    public HashSet<string> Tokens { get; } = [];

    public string NextAnchor => "anchor-" + session.ToString(CultureInfo.InvariantCulture);

    public string SyncUrl => new Uri(http.BaseAddress!, "/sync").ToString();

    public Cred BasicCred => SyncMessages.Basic(User, Password);

    public void StartSession()
    {
        session++;
        msgId = 0;
        RespUri = null;
    }

    /// <summary>The next message of the current session: SyncHdr with Source = device id and LocName = user.</summary>
    public SyncMLMessage NewMessage(Cred? cred = null, bool final = true)
    {
        var m = new SyncMLMessage();
        m.Header.VerDTD = "1.2";
        m.Header.VerProto = "SyncML/1.2";
        m.Header.SessionID = session.ToString(CultureInfo.InvariantCulture);
        m.Header.MsgID = (++msgId).ToString(CultureInfo.InvariantCulture);
        m.Header.Target = new SyncLocation(SyncUrl);
        m.Header.Source = new SyncLocation(DeviceId, User);
        m.Header.Cred = cred;
        m.Header.Meta = new MetInf { MaxMsgSize = 1_000_000, MaxObjSize = 4_000_000 };
        m.Body.Final = final;
        return m;
    }

    /// <summary>Sends <paramref name="message"/> (commands numbered) to <paramref name="url"/>, else the session's RespURI.</summary>
    public async Task<SyncReply> SendAsync(SyncMLMessage message, string? url = null)
    {
        SyncMessages.NumberCommands(message);
        var reply = await PostAsync(SyncMLXml.ToUtf8Bytes(message), XmlType, url);
        if (reply.Message?.Header.RespURI is { Length: > 0 } respUri)
        {
            RespUri = respUri;
            Tokens.Add(reply.Token!);
        }

        return reply;
    }

    public async Task<SyncReply> PostAsync(byte[] body, string contentType, string? url = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await http.PostAsync(url ?? RespUri ?? "/sync", content);
        return new SyncReply((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Package 1 with basic credentials: a new session and an Alert for the contacts.</summary>
    public Task<SyncReply> LoginAsync(int alertCode = AlertCode.SlowSync) => LoginAsync(BasicCred, alertCode);

    /// <summary>Package 1 with exactly these credentials (none when null).</summary>
    public async Task<SyncReply> LoginAsync(Cred? cred, int alertCode = AlertCode.SlowSync)
    {
        StartSession();
        var m = NewMessage(cred);
        m.Body.Commands.Add(SyncMessages.Alert(alertCode, NextAnchor, alertCode == AlertCode.SlowSync ? null : LastAnchor));
        return await SendAsync(m);
    }

    /// <summary>A whole session that must succeed: login, <paramref name="changes"/> in package 3, then maps and the end.</summary>
    /// <returns>The reply to package 3 (statuses of the changes, start of the server's package 4).</returns>
    public async Task<SyncReply> SyncAsync(int alertCode, params SyncMLCommand[] changes)
    {
        var login = await LoginAsync(alertCode);
        login.HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted, login.Text);
        var m = NewMessage();
        m.Body.Commands.Add(SyncMessages.Sync(changes));
        var package3 = await SendAsync(m);
        package3.HeaderStatus.Code.ShouldBe(StatusCode.Ok, package3.Text);
        await FinishAsync(package3);
        return package3;
    }

    /// <summary>Takes the server's package 4 (asking for more with Alert 222), maps what it added, ends the session.</summary>
    public async Task<SyncReply> FinishAsync(SyncReply reply, params SyncMLCommand[] extra)
    {
        var map = SyncMessages.Map();
        var answer = NewMessage();
        for (var rounds = 0; ; rounds++)
        {
            rounds.ShouldBeLessThan(100, "package 4 never ended");
            Acknowledge(reply, answer, map);
            if (reply.SyncML.Body.Final)
            {
                break;
            }

            var more = new AlertCommand { Code = AlertCode.NextMessage };
            more.Items.Add(new Item { Target = new SyncLocation(SyncUrl), Source = new SyncLocation(DeviceId) });
            answer.Body.Commands.Add(more);
            answer.Body.Final = false;
            reply = await SendAsync(answer);
            answer = NewMessage();
        }

        if (map.MapItems.Count > 0)
        {
            answer.Body.Commands.Add(map);
        }

        answer.Body.Commands.AddRange(extra);
        var end = await SendAsync(answer);
        end.SyncML.Body.Final.ShouldBeTrue(end.Text);
        LastAnchor = NextAnchor;
        return end;
    }

    private void Acknowledge(SyncReply reply, SyncMLMessage answer, MapCommand map)
    {
        foreach (var command in reply.SyncML.Body.Commands.OfType<SyncCommand>().SelectMany(s => s.Commands).OfType<ItemCommand>())
        {
            if (command is AddCommand)
            {
                var luid = "S" + (++luids).ToString(CultureInfo.InvariantCulture);
                map.MapItems.Add(new MapItem { Source = new SyncLocation(luid), Target = new SyncLocation(command.Items.Single().Source!.LocURI!) });
            }

            answer.Body.Commands.Add(new StatusCommand { MsgRef = reply.SyncML.Header.MsgID, CmdRef = command.CmdID, Cmd = command.ElementName, Code = StatusCode.Ok });
        }
    }
}
