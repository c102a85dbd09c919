using Coffer.SyncML.San;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.San;

/// <summary>Packages Coffer builds have buteo's SAN01 layout, and their digest is keyed by the device's password.</summary>
public class SanPackageTests
{
    private const string ServerId = "PC Suite Data Sync";

    [Fact]
    public void Built_with_SAN01s_fields_the_package_is_SAN01_byte_for_byte()
    {
        var built = SanPackage.Build(ServerId, "", 0, SanInitiator.Server, [new SanSync { SyncType = SanCodec.TwoWayByServer, ServerUri = "Contacts" }]);
        built.ShouldBe(File.ReadAllBytes(TestDataPaths.Path("san", "SAN01.bin")));
    }

    [Fact]
    public void A_package_of_several_datastores_decodes_to_one_sync_each_and_verifies_only_with_its_password()
    {
        var built = SanPackage.Build("http://coffer.example/sync", "s3cret", 4711, SanInitiator.User, [
            new SanSync { SyncType = SanCodec.TwoWayByServer, ServerUri = "card" },
            new SanSync { SyncType = SanCodec.OneWayFromClientByServer, ServerUri = "photos" },
            new SanSync { SyncType = SanCodec.RefreshFromServerByServer, ServerUri = "cal" },
        ]);
        var message = SanCodec.Decode(built);
        message.Version.ShouldBe(SanCodec.Version12);
        message.UiMode.ShouldBe(SanUiMode.Background);
        message.Initiator.ShouldBe(SanInitiator.User);
        message.SessionId.ShouldBe((ushort)4711);
        message.ServerIdentifier.ShouldBe("http://coffer.example/sync");
        message.Syncs.Select(s => (s.SyncType, s.ContentType, s.ServerUri)).ShouldBe([(206, 0u, "card"), (207, 0u, "photos"), (210, 0u, "cal")]);
        SanCodec.Encode(message).ShouldBe(built);
        SanDigest.Verify(built, "http://coffer.example/sync", "s3cret", []).ShouldBeTrue();
        SanDigest.Verify(built, "http://coffer.example/sync", "s3cres", []).ShouldBeFalse();
        SanDigest.Verify(built, "http://other.example/sync", "s3cret", []).ShouldBeFalse();
    }
}
