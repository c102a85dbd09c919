namespace Coffer.Storage.Tests;

/// <summary>A second <see cref="IPayloadCodec"/>: header + raw bytes. Shows the pipeline is pluggable; isolates SQL cost in the bench.</summary>
public sealed class PassThroughCodec : IPayloadCodec
{
    public byte[] Encode(ReadOnlySpan<byte> content, PayloadContext context)
    {
        var stored = new byte[PayloadHeader.Size + content.Length];
        new PayloadHeader(PayloadHeader.CurrentFormatVersion, PayloadCompression.None, PayloadCipher.None, 0, content.Length).Write(stored);
        content.CopyTo(stored.AsSpan(PayloadHeader.Size));
        return stored;
    }

    public byte[] Decode(ReadOnlySpan<byte> stored, PayloadContext context)
    {
        var header = PayloadHeader.Read(stored);
        return header.Compression == PayloadCompression.None && header.Cipher == PayloadCipher.None
            ? stored[PayloadHeader.Size..].ToArray()
            : throw new StorageException("not a pass-through payload");
    }
}
