using Coffer.Storage.Tests.Contract;

namespace Coffer.Storage.Sqlite.Tests;

/// <summary>The storage-area contract against SQLite, one temp data dir per test.</summary>
public sealed class SqliteStorageAreaContractTests : StorageAreaContractTests
{
    private readonly SqliteTestStore store = new();

    protected override Task<ICofferStore> CreateStoreAsync(TimeProvider time) => store.CreateAsync(time);

    protected override Task DestroyStoreAsync() => store.DestroyAsync();
}
