namespace Coffer.Storage.Sqlite.Tests;

/// <summary>A SQLite store in a temp data directory of its own, removed afterwards.</summary>
public sealed class SqliteTestStore
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "coffer-storage-tests", Guid.NewGuid().ToString("N"));

    public Task<ICofferStore> CreateAsync(TimeProvider time) =>
        Task.FromResult<ICofferStore>(new SqliteCofferStore(new StorageOptions { DataDir = dataDir }, time));

    public Task DestroyAsync()
    {
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }

        return Task.CompletedTask;
    }
}
