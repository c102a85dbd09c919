namespace Coffer.Sync;

/// <summary>The answer to a <see cref="SyncRequest"/>: an HTTP status (200 unless the body was not SyncML at all), body and type.</summary>
public sealed record SyncResponse(int HttpStatus, byte[] Body, string ContentType)
{
    public static SyncResponse BadRequest(string reason) =>
        new(400, System.Text.Encoding.UTF8.GetBytes(reason + "\n"), "text/plain; charset=utf-8");
}
