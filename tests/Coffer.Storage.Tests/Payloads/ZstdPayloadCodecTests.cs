using System.Text;
using Coffer.TestData;

namespace Coffer.Storage.Tests.Payloads;

public sealed class ZstdPayloadCodecTests
{
    private static readonly PayloadContext Context = new(1, "0f8fad5b-d9cb-469f-a165-70867728950e", 1);
    private readonly ZstdPayloadCodec codec = new();

    public static TheoryData<string, int> Items()
    {
        var data = new TheoryData<string, int>();
        foreach (var (kind, items) in Kinds())
        {
            for (var i = 0; i < items.Count; i++)
            {
                data.Add(kind, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Every_content_type_round_trips_with_its_dictionary(string kind, int index)
    {
        var (expected, items) = Kinds().Single(k => k.Kind == kind) switch
        {
            ("vcard", var list) => (PayloadDictionaries.VCard, list),
            ("calendar", var list) => (PayloadDictionaries.Calendar, list),
            (_, var list) => (PayloadDictionaries.Text, list),
        };
        var content = items[index];
        var stored = codec.Encode(content, Context);
        codec.Decode(stored, Context).ShouldBe(content);
        var header = PayloadHeader.Read(stored);
        header.Format.ShouldBe(PayloadHeader.CompactFormat);
        header.Cipher.ShouldBe(PayloadCipher.None);
        header.ContentLength.ShouldBe(content.Length);
        if (header.Compression == PayloadCompression.Zstd)
        {
            header.DictionaryId.ShouldBe(expected);
            stored.Length.ShouldBeLessThan(content.Length + header.Size);
        }
        else
        {
            header.Compression.ShouldBe(PayloadCompression.None);
            stored.Length.ShouldBe(content.Length + header.Size);
        }
    }

    [Fact]
    public void A_dictionary_shrinks_small_contacts_well_below_plain_zstd()
    {
        var plain = new ZstdPayloadCodec(useDictionaries: false);
        var small = RealItems.Contacts.Where(c => c.Length < 1024).ToList();
        small.Count.ShouldBeGreaterThan(3);
        var withDictionary = small.Sum(c => codec.Encode(c, Context).Length);
        var without = small.Sum(c => plain.Encode(c, Context).Length);
        withDictionary.ShouldBeLessThan(without * 3 / 4);
        foreach (var c in small)
        {
            codec.Decode(plain.Encode(c, Context), Context).ShouldBe(c);
        }
    }

    [Fact]
    public void Empty_binary_and_large_content_round_trip()
    {
        var largeText = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"line {i} of a long note\r\n")));
        foreach (var content in new[] { [], [7], RealItems.Png, RealItems.Incompressible(4096), RealItems.Incompressible(3 << 20), largeText })
        {
            var stored = codec.Encode(content, Context);
            codec.Decode(stored, Context).ShouldBe(content);
            var header = PayloadHeader.Read(stored);
            stored.Length.ShouldBeLessThanOrEqualTo(content.Length + header.Size);
            if (header.Compression == PayloadCompression.Zstd)
            {
                // Binary content gets no text dictionary.
                header.DictionaryId.ShouldBe(content[0] < 0x20 || content[0] >= 0x80 ? (ushort)0 : PayloadDictionaries.Text);
            }
        }

        PayloadHeader.Read(codec.Encode(RealItems.Incompressible(4096), Context)).Compression.ShouldBe(PayloadCompression.None);
        codec.Encode(largeText, Context).Length.ShouldBeLessThan(largeText.Length / 5);
    }

    [Fact]
    public void Large_binary_that_is_already_compressed_is_stored_as_it_is_and_binary_that_shrinks_anywhere_is_compressed()
    {
        var jpegLike = RealItems.Incompressible(1 << 20);
        PayloadHeader.Read(codec.Encode(jpegLike, Context)).Compression.ShouldBe(PayloadCompression.None);

        // Random at both ends, a run of zeros only in the middle: the probe of the middle slice finds it.
        var mixed = RealItems.Incompressible(1 << 20);
        Array.Clear(mixed, (1 << 19) - (64 << 10), 128 << 10);
        var stored = codec.Encode(mixed, Context);
        PayloadHeader.Read(stored).Compression.ShouldBe(PayloadCompression.Zstd);
        stored.Length.ShouldBeLessThan(mixed.Length - (100 << 10));
        codec.Decode(stored, Context).ShouldBe(mixed);

        var records = new byte[1 << 20];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = (byte)(i % 16 == 0 ? 0 : i / 16 % 251);
        }

        var compressed = codec.Encode(records, Context);
        PayloadHeader.Read(compressed).Compression.ShouldBe(PayloadCompression.Zstd);
        codec.Decode(compressed, Context).ShouldBe(records);
    }

    [Fact]
    public void A_large_cached_reply_is_stored_uncompressed_and_a_small_one_compressed()
    {
        var reply = new PayloadContext(1, "token", 0, PayloadKind.CachedReply);
        var large = Encoding.ASCII.GetBytes(Convert.ToBase64String(RealItems.Incompressible(1 << 20)));
        var stored = codec.Encode(large, reply);
        PayloadHeader.Read(stored).Compression.ShouldBe(PayloadCompression.None);
        codec.Decode(stored, reply).ShouldBe(large);

        // The same bytes as an item shrink by about a quarter.
        PayloadHeader.Read(codec.Encode(large, Context)).Compression.ShouldBe(PayloadCompression.Zstd);
        var small = RealItems.Contacts[0];
        PayloadHeader.Read(codec.Encode(small, reply)).Compression.ShouldBe(PayloadCompression.Zstd);
    }

    [Fact]
    public void Older_payloads_still_decode()
    {
        var brotli = new BrotliPayloadCodec(minCompressLength: 1);
        foreach (var content in RealItems.Contacts.Concat(RealItems.Events))
        {
            codec.Decode(brotli.Encode(content, Context), Context).ShouldBe(content);
            codec.Decode(FixedLayout.Brotli(content), Context).ShouldBe(content);
            codec.Decode(FixedLayout.Raw(content), Context).ShouldBe(content);
        }
    }

    [Fact]
    public void Another_level_reads_what_one_level_wrote()
    {
        var fast = new ZstdPayloadCodec(level: 1);
        foreach (var content in RealItems.Events)
        {
            codec.Decode(fast.Encode(content, Context), Context).ShouldBe(content);
            fast.Decode(codec.Encode(content, Context), Context).ShouldBe(content);
        }
    }

    [Fact]
    public void Concurrent_use_round_trips()
    {
        var items = RealItems.Contacts.Concat(RealItems.Events).ToList();
        Parallel.For(0, 400, i =>
        {
            var content = items[i % items.Count];
            codec.Decode(codec.Encode(content, Context), Context).ShouldBe(content);
        });
    }

    [Fact]
    public void Corrupt_or_unknown_blobs_raise_StorageException_only()
    {
        var content = RealItems.Contacts[0];
        var good = codec.Encode(content, Context);
        var header = PayloadHeader.Read(good);
        header.Compression.ShouldBe(PayloadCompression.Zstd);
        var unknownDictionary = Rewrite(good, header with { DictionaryId = 200 });
        var otherDictionary = Rewrite(good, header with { DictionaryId = PayloadDictionaries.Calendar });
        var longer = Rewrite(good, header with { ContentLength = content.Length + 1 });
        var shorter = Rewrite(good, header with { ContentLength = content.Length - 1 });
        var encrypted = Rewrite(good, header with { Cipher = PayloadCipher.AesGcm });

        Should.Throw<StorageException>(() => codec.Decode(unknownDictionary, Context)).Message.ShouldContain("dictionary 200");
        foreach (var bad in new[] { longer, shorter, encrypted, good[..^2], good[..header.Size] })
        {
            Should.Throw<StorageException>(() => codec.Decode(bad, Context));
        }

        // A wrong dictionary or a flipped byte either fails cleanly or yields other bytes (AES-GCM catches it before this in the store).
        var flipped = (byte[])good.Clone();
        flipped[^5] ^= 0xFF;
        foreach (var changed in new[] { otherDictionary, flipped })
        {
            try
            {
                codec.Decode(changed, Context).ShouldNotBe(content);
            }
            catch (StorageException)
            {
            }
        }
    }

    private static byte[] Rewrite(byte[] stored, PayloadHeader changed)
    {
        var header = PayloadHeader.Read(stored);
        var result = new byte[changed.Size + stored.Length - header.Size];
        changed.Write(result);
        stored.AsSpan(header.Size).CopyTo(result.AsSpan(changed.Size));
        return result;
    }

    private static List<(string Kind, IReadOnlyList<byte[]> Items)> Kinds() =>
    [
        ("vcard", RealItems.Contacts),
        ("calendar", [.. RealItems.Events, File.ReadAllBytes(TestDataPaths.Path("syncevolution-testcases", "eds_task.ics")), File.ReadAllBytes(TestDataPaths.Path("syncevolution-testcases", "eds_memo.ics"))]),
        ("text", ["buy milk\nand bread"u8.ToArray(), "Meeting notes\r\n- budget\r\n- plan for the week, with the numbers from Friday\r\n"u8.ToArray(), Encoding.UTF8.GetBytes("Grüße aus Köln — Notiz über das Wochenende, die Pläne und die Einkäufe für Sonntag.")]),
    ];
}
