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
        header.Format.ShouldBe(PayloadHeader.CompactFormat);
        header.Cipher.ShouldBe(PayloadCipher.None);
        header.KeyId.ShouldBe(0u);
        header.ContentLength.ShouldBe(vcard.Length);
        if (header.Compression == PayloadCompression.Brotli)
        {
            stored.Length.ShouldBeLessThan(vcard.Length + header.Size);
        }
        else
        {
            stored.Length.ShouldBe(vcard.Length + header.Size);
        }
    }

    [Fact]
    public void Incompressible_and_tiny_content_is_stored_raw()
    {
        foreach (var content in new[] { RealItems.Incompressible(4096), [], "BEGIN:VNOTE"u8.ToArray() })
        {
            var stored = codec.Encode(content, Context);
            PayloadHeader.Read(stored).Compression.ShouldBe(PayloadCompression.None);
            stored.AsSpan(PayloadHeader.Read(stored).Size).ToArray().ShouldBe(content);
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
    public void Payloads_in_the_fixed_header_layout_still_decode()
    {
        foreach (var vcard in RealItems.Contacts)
        {
            codec.Decode(FixedLayout.Brotli(vcard), Context).ShouldBe(vcard);
            codec.Decode(FixedLayout.Raw(vcard), Context).ShouldBe(vcard);
        }
    }

    [Fact]
    public void Corrupt_blobs_raise_StorageException_only()
    {
        var content = RealItems.Contacts[0];
        var good = codec.Encode(content, Context);
        var size = PayloadHeader.Read(good).Size;
        PayloadHeader.Read(good).Compression.ShouldBe(PayloadCompression.Brotli);
        var encrypted = (byte[])good.Clone();
        encrypted[2] = 1;
        var unknownFormat = (byte[])good.Clone();
        unknownFormat[0] = 2;
        var unknownCompression = (byte[])good.Clone();
        unknownCompression[1] = 77;
        var zstd = (byte[])good.Clone();
        zstd[1] = (byte)PayloadCompression.Zstd;
        var wrongLength = Relength(good, content.Length + 1);
        var fixedWrongLength = FixedLayout.Brotli(content);
        BinaryPrimitives.WriteInt32BigEndian(fixedWrongLength.AsSpan(7), content.Length + 1);
        var fixedNegativeLength = FixedLayout.Brotli(content);
        BinaryPrimitives.WriteInt32BigEndian(fixedNegativeLength.AsSpan(7), -1);
        var flipped = (byte[])good.Clone();
        flipped[^3] ^= 0xFF;
        var rawTruncated = codec.Encode(RealItems.Incompressible(100), Context)[..^1];

        foreach (var bad in new[] { good[..2], good[..(size - 1)], encrypted, unknownFormat, unknownCompression, zstd, wrongLength, fixedWrongLength, fixedNegativeLength, FixedLayout.Raw(content)[..8], good[..^4], rawTruncated })
        {
            Should.Throw<StorageException>(() => codec.Decode(bad, Context));
        }

        // A flipped bit inside the Brotli stream either fails cleanly or changes the content; it never escapes as another exception.
        try
        {
            codec.Decode(flipped, Context).ShouldNotBe(content);
        }
        catch (StorageException)
        {
        }
    }

    private static byte[] Relength(byte[] stored, int length)
    {
        var header = PayloadHeader.Read(stored);
        var changed = header with { ContentLength = length };
        var result = new byte[changed.Size + stored.Length - header.Size];
        changed.Write(result);
        stored.AsSpan(header.Size).CopyTo(result.AsSpan(changed.Size));
        return result;
    }
}
