namespace Coffer.Storage.Tests.Payloads;

public sealed class PayloadHeaderTests
{
    [Fact]
    public void Compact_layout_is_three_bytes_and_three_varints()
    {
        var header = new PayloadHeader(PayloadCompression.Zstd, PayloadCipher.AesGcm, 300, 289, PayloadDictionaries.VCard);
        var buffer = new byte[PayloadHeader.MaxSize];
        header.Write(buffer).ShouldBe(header.Size);
        buffer[..header.Size].ShouldBe([0xC2, 2, 1, 0xAC, 0x02, 1, 0xA1, 0x02]);
        PayloadHeader.Read(buffer).ShouldBe(header);
    }

    [Fact]
    public void Fixed_layout_is_big_endian_at_fixed_offsets()
    {
        var header = new PayloadHeader(PayloadCompression.Brotli, PayloadCipher.AesGcm, 0x01020304, 0x0A0B0C0D, 0, PayloadHeader.FixedFormat);
        var buffer = new byte[PayloadHeader.FixedSize];
        header.Write(buffer).ShouldBe(PayloadHeader.FixedSize);
        buffer.ShouldBe([1, 1, 1, 1, 2, 3, 4, 0x0A, 0x0B, 0x0C, 0x0D]);
        PayloadHeader.Read(buffer).ShouldBe(header);
    }

    [Theory]
    [InlineData(0u, 0, (ushort)0)]
    [InlineData(127u, 127, (ushort)1)]
    [InlineData(128u, 128, (ushort)128)]
    [InlineData(uint.MaxValue, int.MaxValue, ushort.MaxValue)]
    public void Extremes_round_trip(uint keyId, int length, ushort dictionary)
    {
        var header = new PayloadHeader(PayloadCompression.Zstd, PayloadCipher.None, keyId, length, dictionary);
        var buffer = new byte[PayloadHeader.MaxSize];
        header.Write(buffer);
        PayloadHeader.Read(buffer.AsSpan(0, header.Size)).ShouldBe(header);
    }

    [Fact]
    public void Truncated_overlong_and_unknown_headers_raise_StorageException()
    {
        byte[][] bad =
        [
            [],
            [0xC2, 2],
            [0xC2, 2, 1, 0x81],                   // ends inside the key id
            [0xC2, 2, 1, 0x81, 0x00, 1, 5],       // key id 1 written in two bytes
            [0xC2, 2, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0, 5], // key id beyond 32 bits
            [0xC2, 2, 1, 1, 0x80, 0x80, 0x04, 5], // dictionary id beyond 16 bits
            [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],       // fixed layout, 10 bytes
            [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],    // unknown format
        ];
        foreach (var blob in bad)
        {
            Should.Throw<StorageException>(() => PayloadHeader.Read(blob));
        }
    }

    [Fact]
    public void The_fixed_layout_has_no_place_for_a_dictionary()
    {
        var header = new PayloadHeader(PayloadCompression.Zstd, PayloadCipher.None, 1, 10, PayloadDictionaries.VCard, PayloadHeader.FixedFormat);
        Should.Throw<InvalidOperationException>(() => header.Write(new byte[PayloadHeader.FixedSize]));
    }
}
