namespace Coffer.Storage;

/// <summary>
/// Turns serialized item content into the stored blob and back: compress, then (later) encrypt, behind a
/// <see cref="PayloadHeader"/>. A codec must decode every blob an older codec wrote (read the header first),
/// so encryption at rest can be switched on without rewriting existing data.
/// </summary>
public interface IPayloadCodec
{
    byte[] Encode(ReadOnlySpan<byte> content, PayloadContext context);

    /// <summary>Throws <see cref="StorageException"/> for a corrupt or unsupported blob.</summary>
    byte[] Decode(ReadOnlySpan<byte> stored, PayloadContext context);
}
