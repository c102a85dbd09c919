using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Coffer.Storage.Tests.Keys;

namespace Coffer.Storage.Tests.Payloads;

public sealed class PayloadProtectorTests : IDisposable
{
    private const string ItemId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static readonly PayloadContext Alice = new(1, ItemId, 3);

    private readonly InMemoryDataKeys rows = new();
    private readonly DataKeyRing ring = new(MasterKey.Generate("test"));
    private readonly PayloadProtector protector;

    public PayloadProtectorTests()
    {
        protector = new PayloadProtector(new ZstdPayloadCodec(), ring, rows);
    }

    public void Dispose() => protector.Dispose();

    public static TheoryData<int> RealItemIndexes() => [.. Enumerable.Range(0, RealItems.Contacts.Count)];

    [Theory]
    [MemberData(nameof(RealItemIndexes))]
    public void Real_vcards_round_trip_encrypted_under_the_users_key(int index)
    {
        var vcard = RealItems.Contacts[index];
        var stored = protector.Encode(vcard, Alice);
        protector.Decode(stored, Alice).ShouldBe(vcard);

        var header = PayloadHeader.Read(stored);
        header.Cipher.ShouldBe(PayloadCipher.AesGcm);
        header.KeyId.ShouldBe(rows.FindCurrent(1)!.Id);
        header.ContentLength.ShouldBe(vcard.Length);
        var compressed = new ZstdPayloadCodec().Encode(vcard, Alice);
        var keyBytes = header.KeyId < 128 ? 0 : header.KeyId < 16384 ? 1 : 2;
        stored.Length.ShouldBe(compressed.Length + keyBytes + PayloadProtector.Overhead);
        // Nothing of the card is left readable: no 8-byte run of it appears in the blob.
        var text = Encoding.Latin1.GetString(stored);
        for (var at = 0; at + 8 <= vcard.Length; at += 8)
        {
            text.ShouldNotContain(Encoding.Latin1.GetString(vcard, at, 8));
        }
    }

    [Fact]
    public void Each_user_gets_one_key_and_equal_content_never_encrypts_the_same_twice()
    {
        var content = "BEGIN:VNOTE\r\nBODY:same\r\nEND:VNOTE\r\n"u8.ToArray();
        var first = protector.Encode(content, Alice);
        var second = protector.Encode(content, Alice);
        var bob = protector.Encode(content, new PayloadContext(2, ItemId, 3));

        first.ShouldNotBe(second);
        PayloadHeader.Read(first).KeyId.ShouldBe(PayloadHeader.Read(second).KeyId);
        PayloadHeader.Read(bob).KeyId.ShouldNotBe(PayloadHeader.Read(first).KeyId);
        rows.Rows.Select(r => r.UserId).ShouldBe([1L, 2L]);
    }

    [Fact]
    public void A_payload_read_as_another_row_version_kind_or_user_fails_naming_the_row()
    {
        var stored = protector.Encode(RealItems.Contacts[0], Alice);
        var otherItem = Alice with { ItemId = "1f8fad5b-d9cb-469f-a165-70867728950e" };
        Should.Throw<StorageException>(() => protector.Decode(stored, otherItem)).Message.ShouldContain(otherItem.ItemId);
        Should.Throw<StorageException>(() => protector.Decode(stored, Alice with { Version = 2 })).Message.ShouldContain($"item {ItemId} version 2");
        Should.Throw<StorageException>(() => protector.Decode(stored, Alice with { Kind = PayloadKind.CachedReply })).Message.ShouldContain("cached reply");

        // Bob exists and has a key; Alice's payload in Bob's row names Alice's key.
        protector.Encode([1], new PayloadContext(2, ItemId, 3));
        Should.Throw<StorageException>(() => protector.Decode(stored, Alice with { UserId = 2 })).Message.ShouldContain("not of user 2");
    }

    [Fact]
    public void A_tampered_tag_ciphertext_or_header_fails_naming_the_item()
    {
        var stored = protector.Encode(RealItems.Contacts[0], Alice);
        foreach (var at in new[] { stored.Length - 1, PayloadHeader.Read(stored).Size + 20, 1, 4 })
        {
            var altered = (byte[])stored.Clone();
            altered[at] ^= 0x01;
            var e = Should.Throw<StorageException>(() => protector.Decode(altered, Alice));
            e.Message.ShouldContain($"item {ItemId}");
        }
    }

    [Fact]
    public void A_payload_naming_an_unknown_key_id_fails()
    {
        var stored = protector.Encode(RealItems.Contacts[0], Alice);
        stored[3] = 99; // the key id, a one-byte varint here
        Should.Throw<StorageException>(() => protector.Decode(stored, Alice)).Message.ShouldContain("data key 99, which does not exist");
    }

    [Fact]
    public void Payloads_sealed_with_the_fixed_header_before_dictionaries_are_still_read()
    {
        var vcard = RealItems.Contacts.OrderByDescending(c => c.Length).First();
        protector.Encode([1], Alice);
        protector.Committed();
        var key = ring.TryGetCurrent(1)!;
        foreach (var clear in new[] { FixedLayout.Brotli(vcard), FixedLayout.Raw(vcard) })
        {
            // Exactly what the first encrypting build wrote: 11-byte header, nonce, ciphertext, tag; the header in the AAD.
            var body = clear.AsSpan(PayloadHeader.FixedSize);
            var blob = new byte[PayloadHeader.FixedSize + 12 + body.Length + 16];
            clear.AsSpan(0, PayloadHeader.FixedSize).CopyTo(blob);
            blob[2] = (byte)PayloadCipher.AesGcm;
            BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(3), key.Id);
            RandomNumberGenerator.Fill(blob.AsSpan(PayloadHeader.FixedSize, 12));
            var aad = new byte[PayloadHeader.FixedSize + 17 + ItemId.Length];
            blob.AsSpan(0, PayloadHeader.FixedSize).CopyTo(aad);
            aad[PayloadHeader.FixedSize] = (byte)PayloadKind.Item;
            BinaryPrimitives.WriteInt64BigEndian(aad.AsSpan(PayloadHeader.FixedSize + 1), Alice.UserId);
            BinaryPrimitives.WriteInt64BigEndian(aad.AsSpan(PayloadHeader.FixedSize + 9), Alice.Version);
            Encoding.ASCII.GetBytes(ItemId, aad.AsSpan(PayloadHeader.FixedSize + 17));
            using (var aes = new AesGcm(key.Key, 16))
            {
                aes.Encrypt(blob.AsSpan(PayloadHeader.FixedSize, 12), body, blob.AsSpan(PayloadHeader.FixedSize + 12, body.Length), blob.AsSpan(blob.Length - 16), aad);
            }

            PayloadProtector.IsEncrypted(blob).ShouldBeTrue();
            protector.Decode(blob, Alice).ShouldBe(vcard);
            blob[5] ^= 1; // inside the old header: authenticated too
            Should.Throw<StorageException>(() => protector.Decode(blob, Alice));
        }
    }

    [Fact]
    public void Payloads_stored_in_clear_before_encryption_are_still_read_and_can_be_sealed()
    {
        var vcard = RealItems.Contacts.OrderByDescending(c => c.Length).First();
        foreach (var clear in new[] { new BrotliPayloadCodec().Encode(vcard, Alice), FixedLayout.Brotli(vcard), new ZstdPayloadCodec().Encode(vcard, Alice) })
        {
            protector.Decode(clear, Alice).ShouldBe(vcard);
            PayloadProtector.IsEncrypted(clear).ShouldBeFalse();

            var sealedBlob = protector.Seal(clear, Alice);
            PayloadProtector.IsEncrypted(sealedBlob).ShouldBeTrue();
            PayloadHeader.Read(sealedBlob).Format.ShouldBe(PayloadHeader.CompactFormat);
            protector.Decode(sealedBlob, Alice).ShouldBe(vcard);
            Should.Throw<StorageException>(() => protector.Seal(sealedBlob, Alice));
        }
    }

    [Fact]
    public void A_key_created_by_a_unit_of_work_reaches_the_ring_only_when_it_commits()
    {
        protector.Encode([1, 2, 3], Alice);
        ring.TryGetCurrent(1).ShouldBeNull();
        using (var rolledBack = new PayloadProtector(new ZstdPayloadCodec(), ring, new InMemoryDataKeys()))
        {
            rolledBack.Encode([1], new PayloadContext(7, ItemId, 1));
        }

        ring.TryGetCurrent(7).ShouldBeNull();
        protector.Committed();
        ring.TryGetCurrent(1)!.Id.ShouldBe(rows.FindCurrent(1)!.Id);

        // Another unit of work finds the committed key in the ring, without a row of its own.
        using var next = new PayloadProtector(new ZstdPayloadCodec(), ring, new InMemoryDataKeys());
        var stored = next.Encode([4, 5], Alice);
        PayloadHeader.Read(stored).KeyId.ShouldBe(rows.FindCurrent(1)!.Id);
        protector.Decode(stored, Alice).ShouldBe(new byte[] { 4, 5 });
    }

    [Fact]
    public void A_fresh_ring_unwraps_stored_keys_with_the_master_key()
    {
        var stored = protector.Encode(RealItems.Contacts[1], Alice);
        using var later = new PayloadProtector(new ZstdPayloadCodec(), new DataKeyRing(ring.Master), rows);
        later.Decode(stored, Alice).ShouldBe(RealItems.Contacts[1]);

        using var stranger = new PayloadProtector(new ZstdPayloadCodec(), new DataKeyRing(MasterKey.Generate("another")), rows);
        Should.Throw<StorageException>(() => stranger.Decode(stored, Alice)).Message.ShouldContain("the data keys are wrapped by master key");
    }
}
