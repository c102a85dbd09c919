using Coffer.SyncML.Wbxml;

namespace Coffer.Sync;

/// <summary>
/// The answer to a <see cref="SyncRequest"/>: an HTTP status (200 unless the body was not SyncML at all), body and type.
/// A WBXML reply lives in a pooled array: the host disposes the response once it has written <see cref="Content"/>.
/// </summary>
public sealed class SyncResponse : IDisposable
{
    private readonly RentedBytes? rented;
    private byte[]? body;

    public SyncResponse(int httpStatus, byte[] body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        HttpStatus = httpStatus;
        this.body = body;
        ContentType = contentType;
    }

    internal SyncResponse(int httpStatus, RentedBytes rented, string contentType)
    {
        HttpStatus = httpStatus;
        this.rented = rented;
        ContentType = contentType;
    }

    public int HttpStatus { get; }

    public string ContentType { get; }

    /// <summary>The bytes to send (valid until the response is disposed).</summary>
    public ReadOnlyMemory<byte> Content => body ?? rented!.Memory;

    /// <summary>The bytes as an array of their own (a copy of a pooled reply; for callers that keep them).</summary>
    public byte[] Body => body ??= rented!.Memory.ToArray();

    /// <summary>How long the host holds the answer back before sending it (a failed login's delay); zero for most.</summary>
    public TimeSpan Delay { get; init; }

    public static SyncResponse BadRequest(string reason) => Text(400, reason);

    /// <summary>A plain-text answer for a body that cannot be answered in SyncML.</summary>
    public static SyncResponse Text(int httpStatus, string reason) =>
        new(httpStatus, System.Text.Encoding.UTF8.GetBytes(reason + "\n"), "text/plain; charset=utf-8");

    public void Dispose() => rented?.Dispose();
}
