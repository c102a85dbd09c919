using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Hand-built SyncML 1.2 XML messages (OMA-TS-SyncML_RepPro-V1_2 §5) posted straight to the server with HttpClient,
/// for input no real client sends. Basic authentication travels in the SyncHdr Cred (OMA-TS-DS_Protocol-V1_2 §5.3).
/// </summary>
public static class HandMadeSyncML
{
    public const string XmlType = "application/vnd.syncml+xml";
    public const string DeviceId = "hand-made-device";

    /// <summary>A whole message: header (Cred when <paramref name="credentials"/> is "user:password") and body commands.</summary>
    public static string Message(string sessionId, int msgId, string target, string body, string? credentials, bool final = true)
    {
        var cred = credentials == null
            ? string.Empty
            : "<Cred><Meta><Format xmlns='syncml:metinf'>b64</Format><Type xmlns='syncml:metinf'>syncml:auth-basic</Type></Meta>" +
              $"<Data>{Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))}</Data></Cred>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><VerDTD>1.2</VerDTD><VerProto>SyncML/1.2</VerProto>" +
               $"<SessionID>{sessionId}</SessionID><MsgID>{msgId.ToString(CultureInfo.InvariantCulture)}</MsgID>" +
               $"<Target><LocURI>{Escape(target)}</LocURI></Target><Source><LocURI>{DeviceId}</LocURI><LocName>alice</LocName></Source>{cred}" +
               "<Meta><MaxMsgSize xmlns='syncml:metinf'>150000</MaxMsgSize><MaxObjSize xmlns='syncml:metinf'>4000000</MaxObjSize></Meta></SyncHdr>" +
               $"<SyncBody>{body}{(final ? "<Final/>" : string.Empty)}</SyncBody></SyncML>";
    }

    /// <summary>A sync Alert (e.g. 201 slow sync) for the server datastore <paramref name="target"/>.</summary>
    public static string Alert(int cmdId, int code, string target, string source, string next = "20260101T000000Z") =>
        $"<Alert><CmdID>{cmdId}</CmdID><Data>{code}</Data><Item><Target><LocURI>{target}</LocURI></Target><Source><LocURI>{source}</LocURI></Source>" +
        $"<Meta><Anchor xmlns='syncml:metinf'><Next>{next}</Next></Anchor><MaxObjSize xmlns='syncml:metinf'>4000000</MaxObjSize></Meta></Item></Alert>";

    /// <summary>An Add of one item with its LUID and content type; <paramref name="format"/> e.g. "b64".</summary>
    public static string Add(int cmdId, string luid, string data, string type = "text/vcard", string? format = null)
    {
        var formatMeta = format == null ? string.Empty : $"<Format xmlns='syncml:metinf'>{format}</Format>";
        return $"<Add><CmdID>{cmdId}</CmdID><Meta><Type xmlns='syncml:metinf'>{type}</Type>{formatMeta}</Meta>" +
               $"<Item><Source><LocURI>{luid}</LocURI></Source><Data>{Escape(data)}</Data></Item></Add>";
    }

    public static async Task<(int Status, string Body, string? ContentType)> PostAsync(HttpClient client, string url, string body, string contentType = XmlType) =>
        await PostAsync(client, url, Encoding.UTF8.GetBytes(body), contentType).ConfigureAwait(false);

    public static async Task<(int Status, string Body, string? ContentType)> PostAsync(HttpClient client, string url, byte[] body, string contentType = XmlType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync(url, content).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>XML text escaping that also keeps CR (as &amp;#13;), which a parser would otherwise turn into LF (XML 1.0 §2.11).</summary>
    private static string Escape(string text) => System.Security.SecurityElement.Escape(text).Replace("\r", "&#13;", StringComparison.Ordinal);
}
