using System.IO.Compression;

namespace Coffer.Storage;

/// <summary>
/// Brotli (RFC 7932) compression, no encryption: the compression step before <see cref="ZstdPayloadCodec"/>, which
/// still reads what it wrote. Content under <see cref="DefaultMinCompressLength"/>
/// and content that does not shrink (JPEGs) is stored uncompressed, as the header records.
/// </summary>
public sealed class BrotliPayloadCodec : IPayloadCodec
{
    // Below this the saving is small and the CPU is not: on SyncEvolution-style contacts (~400 bytes) quality 1 keeps
    // 82% of the size for ~6 µs per item, and reading it back costs ~4 µs more (bench/README.md at 32b55cc). Items under 1 KB are
    // stored as they are; long notes, photos and mail bodies are still compressed.
    public const int DefaultMinCompressLength = 1024;

    private readonly int quality;
    private readonly int window;
    private readonly int minCompressLength;

    /// <param name="quality">
    /// 0–11. Default 1: payloads are compressed inside the write transaction, one encoder per item, and for ~1 KB
    /// vCards encoder setup dominates; quality 1 keeps ~60% of the saving of quality 5 (0.40 vs 0.35 of the
    /// original size on SyncEvolution's test contacts) at about a fifth of the cost.
    /// </param>
    /// <param name="window">log2 of the window (10–24); items are small, so a 64 KB window loses nothing.</param>
    /// <param name="minCompressLength">Content shorter than this (bytes) is stored uncompressed.</param>
    public BrotliPayloadCodec(int quality = 1, int window = 16, int minCompressLength = DefaultMinCompressLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minCompressLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 11);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, 24);
        this.quality = quality;
        this.window = window;
        this.minCompressLength = minCompressLength;
    }

    public byte[] Encode(ReadOnlySpan<byte> content, PayloadContext context)
    {
        if (content.Length >= Math.Max(minCompressLength, 1))
        {
            // Only worth keeping if strictly smaller: the buffer is sized so a larger result fails TryCompress.
            var header = new PayloadHeader(PayloadCompression.Brotli, PayloadCipher.None, 0, content.Length);
            var headerSize = header.Size;
            var buffer = new byte[headerSize + content.Length - 1];
            if (BrotliEncoder.TryCompress(content, buffer.AsSpan(headerSize), out var written, quality, window))
            {
                header.Write(buffer);
                return buffer[..(headerSize + written)];
            }
        }

        var none = new PayloadHeader(PayloadCompression.None, PayloadCipher.None, 0, content.Length);
        var raw = new byte[none.Size + content.Length];
        content.CopyTo(raw.AsSpan(none.Write(raw)));
        return raw;
    }

    public byte[] Decode(ReadOnlySpan<byte> stored, PayloadContext context)
    {
        var header = PayloadHeader.Read(stored);
        if (header.Cipher != PayloadCipher.None)
        {
            throw new StorageException($"payload of {context.Describe()} is encrypted ({header.Cipher}, key {header.KeyId}) and this codec has no keys");
        }

        var body = stored[header.Size..];
        switch (header.Compression)
        {
            case PayloadCompression.None:
                if (body.Length != header.ContentLength)
                {
                    throw new StorageException($"payload of {context.Describe()} has {body.Length} bytes, header says {header.ContentLength}");
                }

                return body.ToArray();
            case PayloadCompression.Brotli:
                var content = new byte[header.ContentLength];
                if (!BrotliDecoder.TryDecompress(body, content, out var written) || written != header.ContentLength)
                {
                    throw new StorageException($"payload of {context.Describe()} is not valid Brotli of {header.ContentLength} bytes");
                }

                return content;
            case PayloadCompression.Zstd:
                throw new StorageException($"payload of {context.Describe()} is zstd, which this codec does not read (ZstdPayloadCodec does)");
            default:
                throw new StorageException($"payload of {context.Describe()} uses unknown compression {(byte)header.Compression}");
        }
    }
}
