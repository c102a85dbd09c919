using Coffer.Storage.Tests.Contract;

namespace Coffer.Storage.Sqlite.Tests;

/// <summary>The shared contract suite against SQLite, one temp data dir per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-storage-tests", Guid.NewGuid().ToString("N"));

    protected override Task<ICofferStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult<ICofferStore>(new SqliteCofferStore(new StorageOptions { DataDir = dataDir }, time));

    protected override Task DestroyStoreAsync()
    {
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }

        return Task.CompletedTask;
    }
}
