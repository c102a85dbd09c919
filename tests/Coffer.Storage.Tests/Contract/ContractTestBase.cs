using System.Text;
using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>
/// A fresh empty store and a simulated clock per test, for contract test classes beyond <see cref="StoreContractTests"/>.
/// As there, each test is a theory over <see cref="StoreProvider"/> (<c>[Theory, StoreData]</c>) that calls
/// <see cref="OpenStoreAsync"/> first, so it runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class ContractTestBase : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 3, 30, 0, 59, 0, TimeSpan.Zero);

    private TestStore? testStore;

    protected ManualTimeProvider Clock { get; } = new(Start);

    protected ICofferStore Store => testStore?.Store
        ?? throw new InvalidOperationException("no store: a contract test is [Theory, StoreData] with a StoreProvider parameter and calls OpenStoreAsync first");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (testStore != null)
        {
            await testStore.DisposeAsync();
        }
    }

    /// <summary>Flips one byte of a stored value behind the repositories' back (<see cref="TestStore.DamageAsync"/>).</summary>
    protected Task DamageAsync(string table, string column, string where) =>
        (testStore ?? throw new InvalidOperationException("no store")).DamageAsync(table, column, where);

    /// <summary>Creates this test's empty store of <paramref name="provider"/>.</summary>
    protected async Task OpenStoreAsync(StoreProvider provider) => testStore = await TestStore.CreateAsync(provider, Clock);

    protected static NewItem Vcard(string name, string origin = "device:phone") =>
        new("text/vcard", Encoding.UTF8.GetBytes($"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{name};;;;\r\nEND:VCARD\r\n"), origin);

    protected static ItemReplacement Edit(string id, string text, string origin = "device:phone") =>
        new(id, "text/vcard", Encoding.UTF8.GetBytes(text), origin);

    protected static string Text(byte[]? content) => Encoding.UTF8.GetString(content ?? []);

    protected async Task<(long User, long Contacts)> NewUserAsync(string name)
    {
        await using var uow = await Store.BeginAsync();
        var user = (await uow.Users.TryCreateAsync(name, PasswordHasher.Hash("secret", 1000)))!;
        var ds = await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts);
        await uow.CommitAsync();
        return (user.Id, ds.Id);
    }

    protected async Task<IReadOnlyList<StoredItem>> AddAsync(long datastore, params NewItem[] items)
    {
        await using var uow = await Store.BeginAsync();
        var added = await uow.Items.AddAsync(datastore, items);
        await uow.CommitAsync();
        return added;
    }
}
