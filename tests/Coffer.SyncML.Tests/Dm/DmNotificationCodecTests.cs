using System.Security.Cryptography;
using System.Text;
using Coffer.SyncML.Dm;
using Coffer.SyncML.San;

namespace Coffer.SyncML.Tests.Dm;

public class DmNotificationCodecTests
{
    private const string ServerId = "coffer-dm";
    private const string Secret = "s3rver-secret";
    private static readonly byte[] Nonce = [0x01, 0x7F, 0x80, 0xFF, 0x3A];

    private static DmNotification Sample() => new()
    {
        UiMode = SanUiMode.UserInteraction,
        Initiator = SanInitiator.User,
        SessionId = 0xBEEF,
        ServerIdentifier = ServerId,
        VendorSpecific = [0xCA, 0xFE, 0x00],
    };

    [Fact]
    public void Round_trip_keeps_every_field_and_verifies()
    {
        var package = DmNotificationCodec.Encode(Sample(), ServerId, Secret, Nonce);
        var back = DmNotificationCodec.Decode(package);

        back.Version.ShouldBe(12);
        back.UiMode.ShouldBe(SanUiMode.UserInteraction);
        back.Initiator.ShouldBe(SanInitiator.User);
        back.SessionId.ShouldBe((ushort)0xBEEF);
        back.ServerIdentifier.ShouldBe(ServerId);
        back.VendorSpecific.ShouldBe(new byte[] { 0xCA, 0xFE, 0x00 });
        back.Digest.ShouldBe(package[..16]);
        DmNotificationCodec.Verify(package, ServerId, Secret, Nonce).ShouldBeTrue();
        DmNotificationCodec.Encode(back, ServerId, Secret, Nonce).ShouldBe(package);
    }

    [Fact]
    public void Layout_is_the_spec_bit_fields_and_digest()
    {
        var package = DmNotificationCodec.Encode(Sample(), ServerId, Secret, Nonce);

        // OMA-TS-DM_Notification-V1_2 §6: version 12 in 10 bits, ui-mode 3 in 2, initiator 0 in 1, 27 zero bits.
        // 0000001100 11 0 000... -> 0x03 0x30 0x00 0x00 0x00, then session id, identifier length and identifier.
        package[16..21].ShouldBe(new byte[] { 0x03, 0x30, 0x00, 0x00, 0x00 });
        package[21..23].ShouldBe(new byte[] { 0xBE, 0xEF });
        package[23].ShouldBe((byte)ServerId.Length);
        Encoding.UTF8.GetString(package, 24, ServerId.Length).ShouldBe(ServerId);
        package[(24 + ServerId.Length)..].ShouldBe(new byte[] { 0xCA, 0xFE, 0x00 });

        // The digest written out: H(B64(H(server-identifier:password)):nonce:B64(H(trigger))).
        var trigger = package[16..];
        var inner = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(ServerId + ":" + Secret)));
        var body = Convert.ToBase64String(MD5.HashData(trigger));
        byte[] input = [.. Encoding.ASCII.GetBytes(inner + ":"), .. Nonce, .. Encoding.ASCII.GetBytes(":" + body)];
        package[..16].ShouldBe(MD5.HashData(input));
    }

    [Fact]
    public void Wrong_secret_server_or_nonce_does_not_verify()
    {
        var package = DmNotificationCodec.Encode(Sample(), ServerId, Secret, Nonce);

        DmNotificationCodec.Verify(package, ServerId, Secret + "x", Nonce).ShouldBeFalse();
        DmNotificationCodec.Verify(package, "other", Secret, Nonce).ShouldBeFalse();
        DmNotificationCodec.Verify(package, ServerId, Secret, [0x01]).ShouldBeFalse();
    }

    [Fact]
    public void Any_changed_byte_fails_verification()
    {
        var package = DmNotificationCodec.Encode(Sample(), ServerId, Secret, Nonce);
        for (var i = 0; i < package.Length; i++)
        {
            var changed = (byte[])package.Clone();
            changed[i] ^= 0x04;
            DmNotificationCodec.Verify(changed, ServerId, Secret, Nonce).ShouldBeFalse($"byte {i} changed");
        }
    }

    [Fact]
    public void Every_truncation_is_a_format_error_and_does_not_verify()
    {
        var package = DmNotificationCodec.Encode(Sample(), ServerId, Secret, Nonce);
        var headerEnd = 16 + 8 + ServerId.Length;
        for (var length = 0; length < headerEnd; length++)
        {
            var ex = Should.Throw<SyncMLFormatException>(() => DmNotificationCodec.Decode(package.AsSpan(0, length)));
            ex.Message.ShouldContain("DM notification package truncated");
            DmNotificationCodec.Verify(package.AsSpan(0, length), ServerId, Secret, Nonce).ShouldBeFalse();
        }

        // Cutting into the vendor-specific body still decodes (the body has no length) but no longer verifies.
        DmNotificationCodec.Decode(package.AsSpan(0, headerEnd)).VendorSpecific.ShouldBeEmpty();
        DmNotificationCodec.Verify(package.AsSpan(0, headerEnd), ServerId, Secret, Nonce).ShouldBeFalse();
    }

    [Fact]
    public void Another_version_is_refused_with_a_clear_message()
    {
        var ds = SanCodec.Encode(new SanMessage { Version = 11, ServerIdentifier = ServerId }, ServerId, Secret, Nonce);
        Should.Throw<SyncMLFormatException>(() => DmNotificationCodec.Decode(ds)).Message.ShouldContain("version 11 is not 12");
    }

    [Fact]
    public void Header_of_another_server_is_not_signed()
    {
        var n = Sample();
        n.ServerIdentifier = "someone-else";
        Should.Throw<SyncMLFormatException>(() => DmNotificationCodec.Encode(n, ServerId, Secret, Nonce)).Message.ShouldContain("someone-else");
    }

    [Fact]
    public void Empty_header_identifier_takes_the_signing_one()
    {
        var n = Sample();
        n.ServerIdentifier = string.Empty;
        var package = DmNotificationCodec.Encode(n, ServerId, Secret, []);
        DmNotificationCodec.Decode(package).ServerIdentifier.ShouldBe(ServerId);
        DmNotificationCodec.Verify(package, ServerId, Secret, []).ShouldBeTrue();
    }

    [Fact]
    public void Header_is_the_same_bits_as_the_ds_san()
    {
        // The trigger header is the SAN's notification header (both specs, same fields and widths): a SAN with no
        // syncs differs from a DM notification with no vendor bytes only by the SAN's num-syncs byte.
        var dm = DmNotificationCodec.Encode(new DmNotification { SessionId = 7, ServerIdentifier = ServerId, UiMode = SanUiMode.Background }, ServerId, Secret, []);
        var san = SanCodec.EncodeNotification(new SanMessage { SessionId = 7, ServerIdentifier = ServerId, UiMode = SanUiMode.Background });
        dm[16..].ShouldBe(san[..^1]);
    }
}
