namespace Coffer.Storage;

/// <summary>
/// Turns serialized item content into the stored blob and back: compress, then (later) encrypt, behind a
/// <see cref="PayloadHeader"/>. A codec must decode every blob an older codec wrote (read the header first),
/// so encryption at rest can be switched on without rewriting existing data.
/// </summary>
public interface IPayloadCodec
{
    byte[] Encode(ReadOnlySpan<byte> content, PayloadContext context);

    /// <summary>
    /// True when <see cref="Encode"/> would store this content uncompressed (a photo's chunk, a large cached reply): the
    /// encryption step then seals the content itself instead of a raw copy with a header, one multi-MB array less.
    /// </summary>
    bool StoresRaw(ReadOnlySpan<byte> content, PayloadContext context) => false;

    /// <summary>Throws <see cref="StorageException"/> for a corrupt or unsupported blob.</summary>
    byte[] Decode(ReadOnlySpan<byte> stored, PayloadContext context);
}
