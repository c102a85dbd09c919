using System.Text;
using Coffer.SyncML;

namespace Coffer.Agent.Protocol;

/// <summary>
/// The transport side of one sync session: encodes each message, posts it to the server's URL or, once the server
/// gave one, to its RespURI (OMA-TS-SyncML_RepPro-V1_2 §5.1: the rest of the session goes there), decodes and
/// checks the reply. Counts the messages exchanged and the bytes posted.
/// </summary>
public sealed class ClientSession(ISyncTransport transport, SyncMLCodec codec, Uri serverUrl)
{
    private Uri url = serverUrl;
    private long? serverMaxMsgSize;

    /// <summary>Where the next message goes: the server's URL, then its last RespURI.</summary>
    public Uri Url => url;

    public int Messages { get; private set; }

    public long BytesSent { get; private set; }

    /// <summary>The largest message the server announced it accepts (its SyncHdr Meta MaxMsgSize), once known.</summary>
    public long? ServerMaxMsgSize
    {
        get => serverMaxMsgSize;
        init => serverMaxMsgSize = value;
    }

    public async Task<ServerReply> ExchangeAsync(OutgoingMessage message, CancellationToken cancellationToken, Func<SyncMLCommand, int, bool>? alsoAccept = null)
    {
        var body = codec.Encode(message.Message);
        Messages++;
        BytesSent += body.Length;
        var response = await transport.PostAsync(url, body, codec.ContentType, cancellationToken).ConfigureAwait(false);
        if (response.HttpStatus != 200)
        {
            var text = Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(response.Body.Length, 200))).ReplaceLineEndings(" ");
            throw new SyncProtocolException($"message {message.MsgID}: HTTP {response.HttpStatus}: {text}");
        }

        if (!string.Equals(response.ContentType, codec.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new SyncProtocolException($"message {message.MsgID}: reply Content-Type {response.ContentType}, expected {codec.ContentType}");
        }

        ServerReply reply;
        try
        {
            reply = new ServerReply(codec.Decode(response.Body));
        }
        catch (SyncMLFormatException ex)
        {
            throw new SyncProtocolException($"message {message.MsgID}: unreadable reply: {ex.Message}", ex);
        }

        ReplyValidator.Check(message, reply, alsoAccept);
        if (!string.IsNullOrEmpty(reply.RespURI))
        {
            url = Uri.TryCreate(reply.RespURI, UriKind.Absolute, out var next)
                ? next
                : throw new SyncProtocolException($"message {message.MsgID}: RespURI '{reply.RespURI}' is not an absolute URL");
        }

        serverMaxMsgSize = reply.MaxMsgSize ?? serverMaxMsgSize;
        return reply;
    }
}
