using System.Buffers.Binary;
using System.IO.Compression;

namespace Coffer.Storage.Tests.Payloads;

/// <summary>
/// Payloads exactly as builds before dictionaries wrote them (the fixed 11-byte header, big-endian), made by hand
/// so the tests do not depend on today's writer to produce the old format.
/// </summary>
public static class FixedLayout
{
    public static byte[] Raw(byte[] content) => [.. Header(PayloadCompression.None, content.Length), .. content];

    public static byte[] Brotli(byte[] content)
    {
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(content.Length)];
        BrotliEncoder.TryCompress(content, compressed, out var written, 1, 16).ShouldBeTrue();
        return [.. Header(PayloadCompression.Brotli, content.Length), .. compressed.AsSpan(0, written)];
    }

    private static byte[] Header(PayloadCompression compression, int length)
    {
        var header = new byte[11];
        header[0] = 1;
        header[1] = (byte)compression;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(7), length);
        return header;
    }
}
