using Coffer.Storage;
using Coffer.Storage.Postgres;
using Coffer.TestData;

namespace Coffer.Backup.Tests;

/// <summary>
/// A real PostgreSQL store in a fresh database of the test process's private cluster, with a data directory (its master
/// key file and the backup's work directory) and a backup directory beside it.
/// </summary>
internal sealed class PgTestStore : IAsyncDisposable
{
    private readonly List<string> databases = [];

    private PgTestStore(string database)
    {
        Root = Path.Combine(Path.GetTempPath(), "coffer-backup-tests", Guid.NewGuid().ToString("N"));
        DataDir = Path.Combine(Root, "data");
        BackupDir = Path.Combine(Root, "backups");
        databases.Add(database);
        ConnectionString = Cluster.ConnectionString(database);
        Store = new PostgresCofferStore(ConnectionString, new StorageOptions { DataDir = DataDir, FlushEveryCommit = false });
    }

    public static PostgresCluster Cluster => PostgresCluster.Shared;

    public string Root { get; }

    public string DataDir { get; }

    public string BackupDir { get; }

    public string ConnectionString { get; }

    public PostgresCofferStore Store { get; }

    public MasterKey Master => Store.KeyRing.Master;

    public PostgresBackupSource Source => new(ConnectionString, DataDir);

    public static async Task<PgTestStore> CreateAsync()
    {
        var store = new PgTestStore(await Cluster.CreateDatabaseAsync("backup"));
        await store.Store.InitializeAsync();
        return store;
    }

    /// <summary>A new empty database, dropped with this store.</summary>
    public async Task<string> EmptyDatabaseAsync()
    {
        var name = await Cluster.CreateDatabaseAsync("restored");
        databases.Add(name);
        return Cluster.ConnectionString(name);
    }

    public Task<long> AddUserAsync(string name, int count, string marker = "") => TestStore.AddUserAsync(Store, name, count, marker);

    public BackupRepository Repository(MasterKey? key = null) => new(new DirectoryBackupTarget(BackupDir), new BackupKeys(key ?? Master));

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        foreach (var database in databases)
        {
            await Cluster.DropDatabaseAsync(database);
        }

        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
