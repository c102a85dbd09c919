using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// The basic promise of Coffer, with the real SyncEvolution client on both wire encodings and both client
/// authentication schemes: a phone backs up with a slow sync, an empty phone of the same user restores everything
/// with refresh-from-server.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CofferBackupRestoreTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    private const string Password = "s3cret pass";
    private const int Count = 12;

    [Theory]
    [InlineData(false, ClientAuth.Basic)]
    [InlineData(false, ClientAuth.Md5)]
    [InlineData(true, ClientAuth.Basic)]
    [InlineData(true, ClientAuth.Md5)]
    public async Task SlowSyncUpFromPhoneA_RefreshFromServerIntoEmptyPhoneB_FoldersEqual(bool wbxml, ClientAuth auth)
    {
        var server = fixture.Server;
        var user = await fixture.NewUserAsync(wbxml ? "wbxml" : "xml", Password);
        using var env = SyncEvolutionEnvironment.Create("restore");
        var options = new PhoneOptions { Wbxml = wbxml, Auth = auth };
        var a = await Phone.CreateAsync(env, "pa", server.SyncUrl, user, Password, options);
        var b = await Phone.CreateAsync(env, "pb", server.SyncUrl, user, Password, options);
        TestVCards.WriteGenerated(a, Count);

        var backup = await a.SyncAsync(SyncMode.Slow, HarnessDatastore.Contacts);
        backup.Succeeded.ShouldBeTrue(backup + "\n" + server.Log);
        backup[HarnessDatastore.Contacts].Mode.ShouldBe("slow");
        backup[HarnessDatastore.Contacts].RemoteAdded.ShouldBe(Count, backup.ToString());
        backup[HarnessDatastore.Contacts].LocalAdded.ShouldBe(0, backup.ToString());
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(Count);

        var restore = await b.SyncAsync(SyncMode.RefreshFromServer, HarnessDatastore.Contacts);
        restore.Succeeded.ShouldBeTrue(restore + "\n" + server.Log);
        restore[HarnessDatastore.Contacts].LocalAdded.ShouldBe(Count, restore.ToString());
        restore[HarnessDatastore.Contacts].RemoteAdded.ShouldBe(0, restore.ToString());
        b.CountItems(HarnessDatastore.Contacts).ShouldBe(Count);

        var ignore = await ServerItems.IgnoredRewritesAsync(server, user, DatastoreKind.Contacts);
        PimItemNormalizer.NormalizeFolder(b.FolderOf(HarnessDatastore.Contacts), ignore)
            .ShouldBe(PimItemNormalizer.NormalizeFolder(a.FolderOf(HarnessDatastore.Contacts), ignore));
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(Count);
    }
}
