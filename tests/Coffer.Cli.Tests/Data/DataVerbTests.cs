using System.Text;
using Coffer.Storage;
using Coffer.Storage.Sqlite;

namespace Coffer.Cli.Tests.Data;

/// <summary><c>coffer quota</c>, <c>coffer area</c> and <c>coffer history</c> against a data directory, checked in the store.</summary>
public sealed class DataVerbTests : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-cli-tests", Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Quota_set_keeps_the_other_limit_and_default_clears_both()
    {
        var (user, _) = await SeedAsync();
        Cli.Run("quota", "set", "alice", "--items", "10", "--data", dataDir).ExitCode.ShouldBe(0);
        Cli.Run("quota", "set", "alice", "--bytes", "4096", "--data", dataDir).ExitCode.ShouldBe(0);
        (await QuotaAsync(user)).ShouldBe(new UserQuota(10, 4096));
        Cli.Run("quota", "show", "alice", "--data", dataDir).ExitCode.ShouldBe(0);
        Cli.Run("quota", "set", "alice", "--default", "--data", dataDir).ExitCode.ShouldBe(0);
        (await QuotaAsync(user)).ShouldBe(new UserQuota(null, null));
        Cli.Run("quota", "set", "nobody", "--items", "1", "--data", dataDir).ExitCode.ShouldBe(1);
        Cli.Run("quota", "set", "alice", "--items", "-1", "--data", dataDir).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Area_save_then_recover_brings_back_the_saved_items_and_history_restore_undeletes()
    {
        var (_, contacts) = await SeedAsync();
        Cli.Run("area", "save", "alice", "contacts", "--data", dataDir).ExitCode.ShouldBe(0);
        string id;
        await using (var store = Open())
        {
            await using var uow = await store.BeginAsync();
            id = (await uow.Items.ListLiveAsync(contacts, 0, 10)).Single().Id;
            await uow.Items.DeleteAsync(contacts, [new ItemDeletion(id, "device:1")]);
            await uow.Items.AddAsync(contacts, [new NewItem("text/vcard", Card("Later"), "device:1")]);
            await uow.CommitAsync();
        }

        Cli.Run("area", "list", "alice", "contacts", "--data", dataDir).ExitCode.ShouldBe(0);
        long generation;
        await using (var store = Open())
        {
            await using var read = await store.BeginReadAsync();
            generation = (await read.StorageArea.ListAsync(contacts)).Single().Id;
        }

        Cli.Run("area", "recover", "alice", "contacts", (generation + 100).ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDir).ExitCode.ShouldBe(1);
        Cli.Run("area", "recover", "alice", "contacts", generation.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDir).ExitCode.ShouldBe(0);
        (await LiveAsync(contacts)).ShouldBe([id]);

        // The recovery deleted "Later"; an undelete brings it back next to the recovered card.
        Cli.Run("history", "deleted", "alice", "--data", dataDir).ExitCode.ShouldBe(0);
        string later;
        await using (var store = Open())
        {
            await using var read = await store.BeginReadAsync();
            later = (await read.History.ListDeletedAsync(contacts, 10)).First().ItemId;
        }

        Cli.Run("history", "list", "alice", "contacts", later, "--data", dataDir).ExitCode.ShouldBe(0);
        Cli.Run("history", "restore", "alice", "--datastore", "contacts", "--item", later, "--data", dataDir).ExitCode.ShouldBe(0);
        (await LiveAsync(contacts)).Order(StringComparer.Ordinal).ShouldBe(new[] { id, later }.Order(StringComparer.Ordinal));
        Cli.Run("history", "restore", "alice", "--at", "1999-01-01T00:00:00Z", "--data", dataDir).ExitCode.ShouldBe(1);
    }

    private static byte[] Card(string name) => Encoding.UTF8.GetBytes($"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name};;;;\r\nFN:{name}\r\nEND:VCARD\r\n");

    private SqliteCofferStore Open() => new(new StorageOptions { DataDir = dataDir });

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
