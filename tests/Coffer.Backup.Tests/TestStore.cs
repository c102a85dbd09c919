using System.Text;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Coffer.Backup.Tests;

/// <summary>A real SQLite store in a fresh temporary data directory (with its master key file), with a backup directory beside it.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    public TestStore()
    {
        Root = Path.Combine(Path.GetTempPath(), "coffer-backup-tests", Guid.NewGuid().ToString("N"));
        DataDir = Path.Combine(Root, "data");
        BackupDir = Path.Combine(Root, "backups");
        Store = new SqliteCofferStore(new StorageOptions { DataDir = DataDir });
    }

    public string Root { get; }

    public string DataDir { get; }

    public string BackupDir { get; }

    public SqliteCofferStore Store { get; }

    public MasterKey Master => Store.KeyRing.Master;

    public static string Card(string name, int n) => $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name}{n};Anna;;;\r\nFN:Anna {name}{n}\r\nTEL:+4930{n:D6}\r\nNOTE:note {n} of {name}\r\nEND:VCARD\r\n";

    /// <summary>Adds a user with <paramref name="count"/> contacts; returns the datastore id.</summary>
    public Task<long> AddUserAsync(string name, int count, string marker = "") => AddUserAsync(Store, name, count, marker);

    /// <summary>Adds a user with <paramref name="count"/> contacts to <paramref name="store"/>; returns the datastore id.</summary>
    public static async Task<long> AddUserAsync(ICofferStore store, string name, int count, string marker = "")
    {
        await using var uow = await store.BeginAsync();
        var user = (await uow.Users.TryCreateAsync(name, "hash"))!;
        var ds = (await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts)).Id;
        for (var first = 0; first < count; first += 500)
        {
            await uow.Items.AddAsync(ds, Enumerable.Range(first, Math.Min(500, count - first)).Select(i => new NewItem("text/vcard", Encoding.UTF8.GetBytes(Card(name + marker, i)), "web")).ToList());
        }

        await uow.CommitAsync();
        return ds;
    }

    public Task ReplaceFirstAsync(long datastoreId, string content) => ReplaceFirstAsync(Store, datastoreId, content);

    public static async Task ReplaceFirstAsync(ICofferStore store, long datastoreId, string content)
    {
        await using var uow = await store.BeginAsync();
        var first = (await uow.Items.ListLiveAsync(datastoreId, 0, 1)).Single();
        await uow.Items.ReplaceAsync(datastoreId, [new ItemReplacement(first.Id, "text/vcard", Encoding.UTF8.GetBytes(content), "web")]);
        await uow.CommitAsync();
    }

    /// <summary>Every live item of every user: (user, content), sorted.</summary>
    public static async Task<List<string>> ContentsAsync(ICofferStore store)
    {
        var all = new List<string>();
        await using var uow = await store.BeginReadAsync();
        foreach (var name in new[] { "alice", "bob" })
        {
            if (await uow.Users.FindByNameAsync(name) is not { } user)
            {
                continue;
            }

            foreach (var ds in await uow.Datastores.ListAsync(user.Id))
            {
                foreach (var item in await uow.Items.ListLiveAsync(ds.Id, 0, 100_000))
                {
                    all.Add(name + ":" + item.Id + ":" + Encoding.UTF8.GetString(item.Content!));
                }
            }
        }

        all.Sort(StringComparer.Ordinal);
        return all;
    }

    public BackupRepository Repository(MasterKey? key = null) => new(new DirectoryBackupTarget(BackupDir), new BackupKeys(key ?? Master));

    public SqliteBackupSource Source => new(DataDir);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
