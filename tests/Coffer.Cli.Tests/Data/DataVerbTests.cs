using System.Text;
using Coffer.Storage;
using Coffer.Storage.Providers;

namespace Coffer.Cli.Tests.Data;

/// <summary><c>coffer quota</c>, <c>coffer area</c> and <c>coffer history</c> against a store of either provider, checked in the store.</summary>
public sealed class DataVerbTests : StoreTestBase
{
    [Theory, Providers]
    public async Task Quota_set_keeps_the_other_limit_and_default_clears_both(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        var (user, _) = await SeedAsync();
        Cli.Run(["quota", "set", "alice", "--items", "10", .. Test.Args]).ExitCode.ShouldBe(0);
        Cli.Run(["quota", "set", "alice", "--bytes", "4096", .. Test.Args]).ExitCode.ShouldBe(0);
        (await QuotaAsync(user)).ShouldBe(new UserQuota(10, 4096));
        var show = Cli.Run(["quota", "show", "alice", .. Test.Args]);
        show.ExitCode.ShouldBe(0, show.StdErr);
        show.StdOut.ShouldBe($"alice: items 1 of 10, bytes {Card("First").Length} of 4096{Environment.NewLine}");
        var defaults = new Dictionary<string, string?> { ["Coffer:Quota:MaxBytes"] = "0" };
        Cli.RunWith(defaults, ["quota", "set", "alice", "--default", .. Test.Args]).StdOut.ShouldContain($"items 1 of 100000 (server default), bytes {Card("First").Length} of unlimited (server default)");
        Cli.Run(["quota", "set", "alice", "--default", .. Test.Args]).ExitCode.ShouldBe(0);
        (await QuotaAsync(user)).ShouldBe(new UserQuota(null, null));
        Cli.Run(["quota", "set", "nobody", "--items", "1", .. Test.Args]).ExitCode.ShouldBe(1);
        Cli.Run(["quota", "set", "alice", "--items", "-1", .. Test.Args]).ExitCode.ShouldBe(1);
    }

    [Theory, Providers]
    public async Task Area_save_then_recover_brings_back_the_saved_items_and_history_restore_undeletes(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        var (_, contacts) = await SeedAsync();
        Cli.Run(["area", "save", "alice", "contacts", .. Test.Args]).ExitCode.ShouldBe(0);
        string id;
        await using (var store = Open())
        {
            await using var uow = await store.BeginAsync();
            id = (await uow.Items.ListLiveAsync(contacts, 0, 10)).Single().Id;
            await uow.Items.DeleteAsync(contacts, [new ItemDeletion(id, "device:1")]);
            await uow.Items.AddAsync(contacts, [new NewItem("text/vcard", Card("Later"), "device:1")]);
            await uow.CommitAsync();
        }

        Cli.Run(["area", "list", "alice", "contacts", .. Test.Args]).ExitCode.ShouldBe(0);
        long generation;
        await using (var store = Open())
        {
            await using var read = await store.BeginReadAsync();
            generation = (await read.StorageArea.ListAsync(contacts)).Single().Id;
        }

        Cli.Run(["area", "recover", "alice", "contacts", (generation + 100).ToString(System.Globalization.CultureInfo.InvariantCulture), .. Test.Args]).ExitCode.ShouldBe(1);
        Cli.Run(["area", "recover", "alice", "contacts", generation.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Test.Args]).ExitCode.ShouldBe(0);
        (await LiveAsync(contacts)).ShouldBe([id]);

        // The recovery deleted "Later"; an undelete brings it back next to the recovered card.
        Cli.Run(["history", "deleted", "alice", .. Test.Args]).ExitCode.ShouldBe(0);
        string later;
        await using (var store = Open())
        {
            await using var read = await store.BeginReadAsync();
            later = (await read.History.ListDeletedAsync(contacts, 10)).First().ItemId;
        }

        Cli.Run(["history", "list", "alice", "contacts", later, .. Test.Args]).ExitCode.ShouldBe(0);
        Cli.Run(["history", "restore", "alice", "--datastore", "contacts", "--item", later, .. Test.Args]).ExitCode.ShouldBe(0);
        (await LiveAsync(contacts)).Order(StringComparer.Ordinal).ShouldBe(new[] { id, later }.Order(StringComparer.Ordinal));
        Cli.Run(["history", "restore", "alice", "--at", "1999-01-01T00:00:00Z", .. Test.Args]).ExitCode.ShouldBe(1);
    }

    private static byte[] Card(string name) => Encoding.UTF8.GetBytes($"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name};;;;\r\nFN:{name}\r\nEND:VCARD\r\n");

    private ICofferStore Open() => Test.Open();

    private async Task<(long User, long Contacts)> SeedAsync()
    {
        await using var store = Open();
        await using var uow = await store.BeginAsync();
        var user = (await uow.Users.TryCreateAsync("alice", PasswordHasher.Hash("pw", 1000)))!;
        var contacts = await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts);
        await uow.Items.AddAsync(contacts.Id, [new NewItem("text/vcard", Card("First"), "device:1")]);
        await uow.CommitAsync();
        return (user.Id, contacts.Id);
    }

    private async Task<UserQuota?> QuotaAsync(long user)
    {
        await using var store = Open();
        await using var read = await store.BeginReadAsync();
        return await read.Users.GetQuotaAsync(user);
    }

    private async Task<IReadOnlyList<string>> LiveAsync(long contacts)
    {
        await using var store = Open();
        await using var read = await store.BeginReadAsync();
        return [.. (await read.Items.ListLiveAsync(contacts, 0, 100)).Select(i => i.Id)];
    }
}
