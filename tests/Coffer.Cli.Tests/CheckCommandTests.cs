using Coffer.Storage;
using Coffer.Storage.Providers;

namespace Coffer.Cli.Tests;

/// <summary><c>coffer check</c>: exit 0 and "ok" for a sound store; exit 1 and each problem named for a damaged one; on both providers.</summary>
public sealed class CheckCommandTests : StoreTestBase
{
    [Theory, Providers]
    public async Task A_sound_store_passes_and_a_contact_that_no_longer_parses_is_named(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        string broken;
        await using (var store = Test.Open())
        {
            await using var uow = await store.BeginAsync();
            var user = (await uow.Users.TryCreateAsync("alice", "h"))!;
            var ds = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
            var added = await uow.Items.AddAsync(ds, [
                new NewItem("text/vcard", "BEGIN:VCARD\r\nVERSION:3.0\r\nN:One;A;;;\r\nFN:A One\r\nEND:VCARD\r\n"u8.ToArray(), "web"),
                new NewItem("text/vcard", "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Two;B;;;\r\nFN:B Two\r\nEND:VCARD\r\n"u8.ToArray(), "web"),
            ]);
            broken = added[1].Id;
            await uow.CommitAsync();
        }

        var sound = Cli.Run(["check", .. Test.Args]);
        sound.ExitCode.ShouldBe(0, sound.StdErr);
        sound.StdOut.ShouldContain("checked 1 users, 2 items, 2 stored payloads");
        sound.StdOut.ShouldContain("ok: no problems found");

        await using (var store = Test.Open())
        {
            await using var uow = await store.BeginAsync();
            var ds = (await uow.Datastores.ListAsync((await uow.Users.FindByNameAsync("alice"))!.Id)).Single().Id;
            await uow.Items.ReplaceAsync(ds, [new ItemReplacement(broken, "text/vcard", "this is not a vCard"u8.ToArray(), "web")]);
            await uow.CommitAsync();
        }

        var damaged = Cli.Run(["check", .. Test.Args]);
        damaged.ExitCode.ShouldBe(1);
        damaged.StdOut.ShouldContain($"user alice Contacts item {broken}: does not parse as text/vcard");
        damaged.StdErr.ShouldContain("1 problem(s) found");
    }

    [Fact]
    public async Task A_directory_without_a_store_is_an_error_not_a_new_empty_store()
    {
        await CreateStoreAsync(StoreProvider.Sqlite);

        var result = Cli.Run(["check", .. Test.Args]);

        result.ExitCode.ShouldBe(1);
        result.StdErr.ShouldContain("no Coffer store");
        Directory.Exists(Test.DataDir).ShouldBeFalse();
    }
}
