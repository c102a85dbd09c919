namespace Coffer.Agent.Peer;

/// <summary>The answer to a <see cref="PeerHttpRequest"/>: status, body and its Content-Type.</summary>
public sealed record PeerHttpResponse(int Status, byte[] Body, string ContentType)
{
    public static PeerHttpResponse Text(int status, string text) => new(status, System.Text.Encoding.UTF8.GetBytes(text + "\n"), "text/plain; charset=utf-8");
}
