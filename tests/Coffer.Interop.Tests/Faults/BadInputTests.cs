using System.Text;
using System.Text.RegularExpressions;
using Coffer.Interop.Tests.Harness;
using DatastoreKind = Coffer.Storage.DatastoreKind;

namespace Coffer.Interop.Tests.Faults;

/// <summary>
/// Input no real client sends, posted straight to Coffer's /sync with HttpClient: a body that is not SyncML gets HTTP
/// 400 with a reason; inside a readable SyncML message, a bad command or a bad item gets its own SyncML error status
/// (OMA-TS-SyncML_RepPro-V1_2 §10) while the rest of the message is applied. Never HTTP 500.
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class BadInputTests
{
    private const string Creds = CofferInterop.User + ":" + CofferInterop.Password;

    public static TheoryData<string, byte[], string> Garbage => new()
    {
        { "text", "this is not a SyncML message"u8.ToArray(), HandMadeSyncML.XmlType },
        { "html", "<html><body>hello</body></html>"u8.ToArray(), HandMadeSyncML.XmlType },
        { "truncated", Encoding.UTF8.GetBytes(HandMadeSyncML.Message("1", 1, "http://x/sync", HandMadeSyncML.Alert(1, 201, "card", "./contacts"), Creds)[..300]), HandMadeSyncML.XmlType },
        { "no-body", "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><VerDTD>1.2</VerDTD></SyncHdr></SyncML>"u8.ToArray(), HandMadeSyncML.XmlType },
        { "wbxml-noise", [0x03, 0x9F, 0x53, 0x6A, 0x00, 0xFF, 0xFE, 0x01, 0x42, 0x42], "application/vnd.syncml+wbxml" },
        { "empty", [], HandMadeSyncML.XmlType },
        { "wrong-type", "hello"u8.ToArray(), "text/plain" },
    };

    /// <summary>A command after a good Alert 201 for "card" (CmdID 1), and the status expected for CmdRef 2.</summary>
    public static TheoryData<string, string, string?> MalformedCommands => new()
    {
        // 400: malformed syntax in the command (the Alert code must be a number, §6.6.2).
        { "alert-code-not-a-number", "<Alert><CmdID>2</CmdID><Data>abc</Data></Alert>", "400" },
        { "alert-maxobjsize-not-a-number", "<Alert><CmdID>2</CmdID><Data>200</Data><Item><Target><LocURI>cal</LocURI></Target><Source><LocURI>./calendar</LocURI></Source><Meta><MaxObjSize xmlns='syncml:metinf'>big</MaxObjSize></Meta></Item></Alert>", "400" },
        // 406: a code or command Coffer does not offer.
        { "alert-unknown-code", "<Alert><CmdID>2</CmdID><Data>999</Data></Alert>", "406" },
        { "add-outside-sync", HandMadeSyncML.Add(2, "1", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEND:VCARD\r\n"), "406" },
        { "exec", "<Exec><CmdID>2</CmdID><Item><Target><LocURI>./x</LocURI></Target></Item></Exec>", "406" },
        // 404: what the command names does not exist.
        { "alert-without-item", "<Alert><CmdID>2</CmdID><Data>200</Data></Alert>", "404" },
        { "alert-unknown-datastore", HandMadeSyncML.Alert(2, 200, "nosuchstore", "./x"), "404" },
        { "sync-without-target", "<Sync><CmdID>2</CmdID></Sync>", "404" },
        { "get-unknown-target", "<Get><CmdID>2</CmdID><Item><Target><LocURI>./nothing</LocURI></Target></Item></Get>", "404" },
        { "map-unknown-datastore", "<Map><CmdID>2</CmdID><Target><LocURI>nosuch</LocURI></Target><Source><LocURI>./c</LocURI></Source><MapItem><Target><LocURI>g</LocURI></Target><Source><LocURI>l</LocURI></Source></MapItem></Map>", "404" },
        // A Status is never answered with a Status (§6.6.17): a malformed one is dropped, the rest still applies.
        { "status-without-data", "<Status><CmdID>2</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd></Status>", null },
        { "status-code-not-a-number", "<Status><CmdID>2</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>abc</Data></Status>", null },
    };

    /// <summary>Bad Add commands for the middle of a Sync between two good ones.</summary>
    public static TheoryData<string> BadItems => new() { "vcard-without-begin", "b64-not-base64", "size-not-a-number", "data-two-elements" };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task BodyThatIsNotSyncML_GetsHttp400WithAReason(string name, byte[] body, string contentType)
    {
        await using var server = await StartAsync();
        using var http = NewClient();

        var (status, text, type) = await HandMadeSyncML.PostAsync(http, server.SyncUrl, body, contentType);

        status.ShouldBe(400, $"{name}: {text}");
        type.ShouldBe("text/plain", name);
        text.Trim().Length.ShouldBeGreaterThan(10, $"{name}: the reason is given");
        // Still serving: a good first message right after gets a SyncML answer.
        var good = HandMadeSyncML.Message("7", 1, server.SyncUrl, HandMadeSyncML.Alert(1, 201, "card", "./contacts"), Creds);
        var (goodStatus, goodText, _) = await HandMadeSyncML.PostAsync(http, server.SyncUrl, good);
        goodStatus.ShouldBe(200, goodText);
        SyncMLText.StatusCodes(goodText, "SyncHdr").ShouldBe(["212"]);
    }

    [Theory]
    [MemberData(nameof(MalformedCommands))]
    public async Task WellFormedMessageWithAMalformedCommand_GetsASyncMLErrorStatusForIt_TheRestIsProcessed(string name, string command, string? expected)
    {
        await using var server = await StartAsync();
        using var http = NewClient();
        var message = HandMadeSyncML.Message("5", 1, server.SyncUrl, HandMadeSyncML.Alert(1, 201, "card", "./contacts") + command, Creds);

        var (status, text, type) = await HandMadeSyncML.PostAsync(http, server.SyncUrl, message);

        status.ShouldBe(200, $"{name}: {text}");
        type.ShouldBe(HandMadeSyncML.XmlType, name);
        var statuses = SyncMLText.Statuses(text);
        statuses.ShouldContain(s => s.Cmd == "SyncHdr" && s.Data == "212", $"{name}: authenticated\n{text}");
        statuses.ShouldContain(s => s.Cmd == "Alert" && s.CmdRef == "1" && s.Data == "200", $"{name}: the good Alert was processed\n{text}");
        SyncMLText.AlertCodes(text).ShouldContain("201", $"{name}: the server's sync Alert for card\n{text}");
        var forCommand = statuses.Where(s => s.CmdRef == "2").Select(s => s.Data).ToList();
        if (expected == null)
        {
            forCommand.ShouldBeEmpty($"{name}\n{text}");
        }
        else
        {
            forCommand.ShouldBe([expected], $"{name}\n{text}");
        }
    }

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task BadItemBetweenTwoGoodOnes_GetsItsOwnErrorStatus_TheOthersAreStored(string bad)
    {
        await using var server = await StartAsync();
        using var http = NewClient();
        var init = HandMadeSyncML.Message("9", 1, server.SyncUrl, HandMadeSyncML.Alert(1, 201, "card", "./contacts"), Creds);
        var (_, initReply, _) = await HandMadeSyncML.PostAsync(http, server.SyncUrl, init);
        var respUri = RespUri().Match(initReply).Groups[1].Value;
        respUri.ShouldContain("?s=", customMessage: initReply);

        var badAdd = bad switch
        {
            "vcard-without-begin" => HandMadeSyncML.Add(4, "bad", "VERSION:3.0\r\nN:Broken;Card;;;\r\nFN:Broken Card\r\nEND:VCARD\r\n"),
            "b64-not-base64" => HandMadeSyncML.Add(4, "bad", "!!! not base64 !!!", format: "b64"),
            // The SyncML reader rejects these commands themselves (Meta Size is a number; Data holds text or one element).
            "size-not-a-number" => "<Add><CmdID>4</CmdID><Meta><Type xmlns='syncml:metinf'>text/vcard</Type><Size xmlns='syncml:metinf'>lots</Size></Meta>" +
                                   "<Item><Source><LocURI>bad</LocURI></Source><Data>BEGIN:VCARD&#13;\nVERSION:3.0&#13;\nFN:Size Lots&#13;\nEND:VCARD&#13;\n</Data></Item></Add>",
            "data-two-elements" => "<Add><CmdID>4</CmdID><Meta><Type xmlns='syncml:metinf'>text/vcard</Type></Meta>" +
                                   "<Item><Source><LocURI>bad</LocURI></Source><Data><a xmlns='urn:x'/><b xmlns='urn:x'/></Data></Item></Add>",
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var sync = "<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>200</Data></Status>" +
                   "<Sync><CmdID>2</CmdID><Target><LocURI>card</LocURI></Target><Source><LocURI>./contacts</LocURI></Source>" +
                   HandMadeSyncML.Add(3, "good1", TestVCards.Generated(1)) + badAdd + HandMadeSyncML.Add(5, "good2", TestVCards.Generated(2)) +
                   "</Sync>";
        var (status, text, _) = await HandMadeSyncML.PostAsync(http, respUri, HandMadeSyncML.Message("9", 2, respUri, sync, credentials: null));

        status.ShouldBe(200, text);
        var statuses = SyncMLText.Statuses(text);
        statuses.Single(s => s.Cmd == "Sync").Data.ShouldBe("200", text);
        statuses.Single(s => s.CmdRef == "3").Data.ShouldBe("201", text);
        statuses.Single(s => s.CmdRef == "5").Data.ShouldBe("201", text);
        int.Parse(statuses.Single(s => s.CmdRef == "4").Data, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(400, 499, $"{bad}: the bad item's own error\n{text}");
        var stored = await CofferInterop.ServerCardsAsync(server);
        string.Join(" | ", stored.Select(CofferInterop.FormattedName).Order(StringComparer.Ordinal)).ShouldBe("Bob Gen00001 | Bob Gen00002", bad);
        (await server.CountLiveAsync(CofferInterop.User, DatastoreKind.Contacts)).ShouldBe(2);
    }

    private static async Task<CofferTestServer> StartAsync()
    {
        var server = await CofferTestServer.StartAsync();
        await server.AddUserAsync(CofferInterop.User, CofferInterop.Password);
        return server;
    }

    private static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    [GeneratedRegex("<RespURI>([^<]+)</RespURI>")]
    private static partial Regex RespUri();
}
