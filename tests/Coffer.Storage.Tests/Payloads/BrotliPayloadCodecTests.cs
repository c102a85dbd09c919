using System.Buffers.Binary;

namespace Coffer.Storage.Tests.Payloads;

public sealed class BrotliPayloadCodecTests
{
    private static readonly PayloadContext Context = new(1, "0f8fad5b-d9cb-469f-a165-70867728950e", 1);
    // Compresses everything from 64 bytes, so small real contacts exercise the Brotli path too.
    private readonly BrotliPayloadCodec codec = new(minCompressLength: 64);

    public static TheoryData<int> RealItemIndexes() => [.. Enumerable.Range(0, RealItems.Contacts.Count)];

    [Theory]
    [MemberData(nameof(RealItemIndexes))]
    public void Real_vcards_round_trip_and_shrink(int index)
    {
        var vcard = RealItems.Contacts[index];
        var stored = codec.Encode(vcard, Context);
        codec.Decode(stored, Context).ShouldBe(vcard);
        var header = PayloadHeader.Read(stored);
        header.FormatVersion.ShouldBe(PayloadHeader.CurrentFormatVersion);
        header.Cipher.ShouldBe(PayloadCipher.None);
        header.KeyId.ShouldBe(0u);
        header.ContentLength.ShouldBe(vcard.Length);
        if (header.Compression == PayloadCompression.Brotli)
        {
            stored.Length.ShouldBeLessThan(vcard.Length + PayloadHeader.Size);
        }
        else
        {
            stored.Length.ShouldBe(vcard.Length + PayloadHeader.Size);
        }
    }

    [Fact]
    public void Incompressible_and_tiny_content_is_stored_raw()
    {
        foreach (var content in new[] { RealItems.Incompressible(4096), [], "BEGIN:VNOTE"u8.ToArray() })
        {
            var stored = codec.Encode(content, Context);
            PayloadHeader.Read(stored).Compression.ShouldBe(PayloadCompression.None);
            stored.AsSpan(PayloadHeader.Size).ToArray().ShouldBe(content);
            codec.Decode(stored, Context).ShouldBe(content);
        }
    }

    [Fact]
    public void By_default_only_content_of_a_kilobyte_or_more_is_compressed()
    {
        var byDefault = new BrotliPayloadCodec();
        var small = RealItems.Contacts.First(c => c.Length < BrotliPayloadCodec.DefaultMinCompressLength);
        var large = RealItems.Contacts.First(c => c.Length >= BrotliPayloadCodec.DefaultMinCompressLength && codec.Encode(c, Context).Length < c.Length);
        PayloadHeader.Read(byDefault.Encode(small, Context)).Compression.ShouldBe(PayloadCompression.None);
        PayloadHeader.Read(byDefault.Encode(large, Context)).Compression.ShouldBe(PayloadCompression.Brotli);
        byDefault.Decode(byDefault.Encode(large, Context), Context).ShouldBe(large);

        // What the small-item codec wrote decodes with the default one: the header, not the setting, decides.
        byDefault.Decode(codec.Encode(small, Context), Context).ShouldBe(small);
    }

    [Fact]
    public void Header_layout_is_big_endian_at_fixed_offsets()
    {
        var buffer = new byte[PayloadHeader.Size];
        new PayloadHeader(1, PayloadCompression.Brotli, (PayloadCipher)1, 0x01020304, 0x0A0B0C0D).Write(buffer);
        buffer.ShouldBe([1, 1, 1, 1, 2, 3, 4, 0x0A, 0x0B, 0x0C, 0x0D]);
        PayloadHeader.Read(buffer).ShouldBe(new PayloadHeader(1, PayloadCompression.Brotli, (PayloadCipher)1, 0x01020304, 0x0A0B0C0D));
    }

    [Fact]
    public void Corrupt_blobs_raise_StorageException_only()
    {
        var good = codec.Encode(RealItems.Contacts[0], Context);
        var encrypted = (byte[])good.Clone();
        encrypted[2] = 1;
        var newerFormat = (byte[])good.Clone();
        newerFormat[0] = 2;
        var unknownCompression = (byte[])good.Clone();
        unknownCompression[1] = 77;
        var wrongLength = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32BigEndian(wrongLength.AsSpan(7), RealItems.Contacts[0].Length + 1);
        var negativeLength = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32BigEndian(negativeLength.AsSpan(7), -1);
        var flipped = (byte[])good.Clone();
        flipped[^3] ^= 0xFF;
        var rawTruncated = codec.Encode(RealItems.Incompressible(100), Context)[..^1];

        foreach (var bad in new[] { good[..5], encrypted, newerFormat, unknownCompression, wrongLength, negativeLength, good[..^4], rawTruncated })
        {
            Should.Throw<StorageException>(() => codec.Decode(bad, Context));
        }

        // A flipped bit inside the Brotli stream either fails cleanly or changes the content; it never escapes as another exception.
        try
        {
            codec.Decode(flipped, Context).ShouldNotBe(RealItems.Contacts[0]);
        }
        catch (StorageException)
        {
        }
    }
}
