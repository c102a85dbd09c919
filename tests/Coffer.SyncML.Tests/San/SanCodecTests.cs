using Coffer.SyncML.San;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.San;

/// <summary>
/// buteo-syncml's real SAN packages (tests_meego/data/SAN01.bin, SAN02.bin, from Nokia PC Suite). The
/// expected fields and the digest credentials (server id "PC Suite Data Sync", empty password, empty
/// nonce) are those of buteo-syncml's own tests_meego/SANTest.cpp.
/// </summary>
public class SanCodecTests
{
    private const string ServerId = "PC Suite Data Sync";

    private static byte[] Load(string name) => File.ReadAllBytes(TestDataPaths.Path("san", name));

    [Theory]
    [InlineData("SAN01.bin", "Contacts")]
    [InlineData("SAN02.bin", "Calendar")]
    public void Real_package_decodes_to_its_fields(string file, string uri)
    {
        var msg = SanCodec.Decode(Load(file));
        msg.Version.ShouldBe(SanCodec.Version12);
        msg.UiMode.ShouldBe(SanUiMode.Background);
        msg.Initiator.ShouldBe(SanInitiator.Server);
        msg.SessionId.ShouldBe((ushort)0);
        msg.FutureUse.ShouldBe(0u);
        msg.ServerIdentifier.ShouldBe(ServerId);
        var sync = msg.Syncs.ShouldHaveSingleItem();
        sync.SyncType.ShouldBe(SanCodec.TwoWayByServer);
        sync.ContentType.ShouldBe(0u);
        sync.ServerUri.ShouldBe(uri);
        msg.VendorSpecific.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("SAN01.bin")]
    [InlineData("SAN02.bin")]
    public void Real_package_reencodes_byte_for_byte(string file)
    {
        var bytes = Load(file);
        SanCodec.Encode(SanCodec.Decode(bytes)).ShouldBe(bytes);
    }

    [Theory]
    [InlineData("SAN01.bin")]
    [InlineData("SAN02.bin")]
    public void Real_package_digest_verifies_with_buteos_credentials(string file)
    {
        var bytes = Load(file);
        SanDigest.Verify(bytes, ServerId, string.Empty, []).ShouldBeTrue();
        SanDigest.Verify(bytes, ServerId, "wrong", []).ShouldBeFalse();
        SanDigest.Verify(bytes, ServerId, string.Empty, [0, 0, 0, 0]).ShouldBeFalse();
    }

    [Fact]
    public void Generated_package_equals_the_real_one()
    {
        // buteo's testGenerator01: the fields of SAN01, signed with the same credentials, give SAN01.
        var msg = new SanMessage
        {
            UiMode = SanUiMode.Background,
            Initiator = SanInitiator.Server,
            ServerIdentifier = ServerId,
            Syncs = { new SanSync { SyncType = SanCodec.TwoWayByServer, ServerUri = "Contacts" } },
        };
        SanCodec.Encode(msg, ServerId, string.Empty, []).ShouldBe(Load("SAN01.bin"));
    }

    [Fact]
    public void Tampered_notification_fails_the_digest()
    {
        var bytes = Load("SAN01.bin");
        bytes[^1] ^= 0x20; // "Contacts" -> "ContactS"
        SanDigest.Verify(bytes, ServerId, string.Empty, []).ShouldBeFalse();
    }

    [Fact]
    public void All_fields_round_trip_through_encode_and_decode()
    {
        var msg = new SanMessage
        {
            Version = SanCodec.Version12,
            UiMode = SanUiMode.UserInteraction,
            Initiator = SanInitiator.User,
            FutureUse = 0x5A5A5A5,
            SessionId = 0xBEEF,
            ServerIdentifier = "coffer-ü",
            BodyFutureUse = 0x9,
            VendorSpecific = [1, 2, 3],
        };
        for (var t = SanCodec.TwoWayByServer; t <= SanCodec.RefreshFromServerByServer; t++)
        {
            msg.Syncs.Add(new SanSync { SyncType = t, FutureUse = 0xF, ContentType = 0xABCDEF, ServerUri = "./db" + t });
        }

        var bytes = SanCodec.Encode(msg, "coffer", "pw", "nonce"u8);
        var back = SanCodec.Decode(bytes);
        back.ShouldBeEquivalentTo(msg);
        SanDigest.Verify(bytes, "coffer", "pw", "nonce"u8).ShouldBeTrue();
    }

    [Fact]
    public void Every_truncation_of_a_real_package_is_a_format_error()
    {
        var bytes = Load("SAN01.bin");
        for (var len = 0; len < bytes.Length; len++)
        {
            var cut = bytes[..len];
            Should.Throw<SyncMLFormatException>(() => SanCodec.Decode(cut), $"length {len}");
        }
    }

    [Fact]
    public void Sync_type_outside_206_to_210_is_rejected()
    {
        var bytes = Load("SAN01.bin");
        bytes[0x2B] = 0x50; // 4-bit sync type 5 = alert 205, not a server-alerted code
        Should.Throw<SyncMLFormatException>(() => SanCodec.Decode(bytes)).Position.ShouldBe(0x2B);
    }

    [Fact]
    public void Garbage_only_ever_raises_the_format_exception()
    {
        var rng = new Random(4711);
        var seed = Load("SAN02.bin");
        for (var i = 0; i < 2000; i++)
        {
            var bytes = i % 2 == 0 ? new byte[rng.Next(64)] : (byte[])seed.Clone();
            if (i % 2 == 0)
            {
                rng.NextBytes(bytes);
            }
            else
            {
                bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            }

            try
            {
                var msg = SanCodec.Decode(bytes);
                SanCodec.Encode(msg).ShouldBe(bytes); // whatever decodes must re-encode identically
            }
            catch (SyncMLFormatException)
            {
            }
        }
    }

    [Fact]
    public void Unencodable_model_is_a_format_error()
    {
        Should.Throw<SyncMLFormatException>(() => SanCodec.Encode(new SanMessage { ServerIdentifier = new string('x', 256) }));
        Should.Throw<SyncMLFormatException>(() => SanCodec.Encode(new SanMessage { Syncs = { new SanSync { SyncType = 200 } } }));
        Should.Throw<SyncMLFormatException>(() => SanCodec.Encode(new SanMessage { Digest = new byte[3] }));
    }
}
