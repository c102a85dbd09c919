using System.Runtime.InteropServices;

namespace Coffer.Storage;

/// <summary>The exact reply sent to one (session, MsgID), returned again when the client resends that message.</summary>
/// <param name="Content">The reply's bytes; when putting, the repository encrypts them into a row of its own and keeps no reference.</param>
public sealed record CachedReply(ReadOnlyMemory<byte> Content, string ContentType)
{
    public CachedReply(byte[] body, string contentType)
        : this(body.AsMemory(), contentType)
    {
    }

    /// <summary>The bytes as an array (the array read from the store; a copy only for a slice of a larger buffer).</summary>
    public byte[] Body => MemoryMarshal.TryGetArray(Content, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
        ? segment.Array
        : Content.ToArray();
}
