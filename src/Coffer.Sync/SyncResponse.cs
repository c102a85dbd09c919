namespace Coffer.Sync;

/// <summary>The answer to a <see cref="SyncRequest"/>: an HTTP status (200 unless the body was not SyncML at all), body and type.</summary>
public sealed record SyncResponse(int HttpStatus, byte[] Body, string ContentType)
{
    /// <summary>How long the host holds the answer back before sending it (a failed login's delay); zero for most.</summary>
    public TimeSpan Delay { get; init; }

    public static SyncResponse BadRequest(string reason) => Text(400, reason);

    /// <summary>A plain-text answer for a body that cannot be answered in SyncML.</summary>
    public static SyncResponse Text(int httpStatus, string reason) =>
        new(httpStatus, System.Text.Encoding.UTF8.GetBytes(reason + "\n"), "text/plain; charset=utf-8");
}
