using System.Text;
using Coffer.SyncML;

namespace Coffer.Server.Tests.Security;

/// <summary>What the server answered to one POST: HTTP status, raw body, and the SyncML reply when it is one.</summary>
public sealed class SyncReply
{
    public SyncReply(int httpStatus, byte[] body, string? contentType)
    {
        HttpStatus = httpStatus;
        Body = body;
        ContentType = contentType;
        if (httpStatus == 200 && contentType != null && contentType.Contains("syncml+xml", StringComparison.OrdinalIgnoreCase))
        {
            Message = SyncMLXml.Parse(body.AsSpan());
        }
    }

    public int HttpStatus { get; }

    public byte[] Body { get; }

    public string? ContentType { get; }

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The SyncML reply; null when the server answered with something else (HTTP 400, 413 ...).</summary>
    public SyncMLMessage? Message { get; }

    public SyncMLMessage SyncML => Message ?? throw new ShouldAssertException($"HTTP {HttpStatus} ({ContentType}), not a SyncML reply: {Text[..Math.Min(Text.Length, 500)]}");

    public IReadOnlyList<StatusCommand> Statuses => SyncML.Body.Commands.OfType<StatusCommand>().ToList();

    /// <summary>The status of our SyncHdr (OMA-TS-SyncML_RepPro-V1_2 §6.6.17: the first Status, CmdRef 0).</summary>
    public StatusCommand HeaderStatus => Statuses.FirstOrDefault(s => s.Cmd == "SyncHdr") ?? throw new ShouldAssertException("no SyncHdr Status in: " + Text);

    /// <summary>The decoded bytes of the md5 NextNonce the header status (or its challenge) carries; null when none.</summary>
    public byte[]? NextNonce => HeaderStatus.Chal?.Meta?.NextNonce is { Length: > 0 } nonce ? Coffer.SyncML.Auth.Md5Auth.DecodeNonce(nonce) : null;

    /// <summary>The session token (the "s" parameter of RespURI), when the server opened a session.</summary>
    public string? Token
    {
        get
        {
            var resp = Message?.Header.RespURI;
            var at = resp?.IndexOf("s=", StringComparison.Ordinal) ?? -1;
            if (resp == null || at < 0)
            {
                return null;
            }

            var end = resp.IndexOf('&', at);
            return Uri.UnescapeDataString(end < 0 ? resp[(at + 2)..] : resp[(at + 2)..end]);
        }
    }

    public IEnumerable<StatusCommand> StatusesOf(string cmd) => Statuses.Where(s => s.Cmd == cmd);

    public override string ToString() => $"HTTP {HttpStatus}: {Text}";
}
