using System.Text;

namespace Coffer.Storage.Tests.Contract;

/// <summary>
/// A fresh empty store of the backend under test and a simulated clock per test, for contract test classes beyond
/// <see cref="StoreContractTests"/>. A backend runs each class by subclassing it with its store factory.
/// </summary>
public abstract class ContractTestBase : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 3, 30, 0, 59, 0, TimeSpan.Zero);

    private ICofferStore? store;

    protected ManualTimeProvider Clock { get; } = new(Start);

    protected ICofferStore Store => store ?? throw new InvalidOperationException("store not created");

    public async Task InitializeAsync() => store = await CreateStoreAsync(Clock);

    public async Task DisposeAsync()
    {
        if (store != null)
        {
            await store.DisposeAsync();
        }

        await DestroyStoreAsync();
    }

    /// <summary>Creates the backend's store for one test.</summary>
    protected abstract Task<ICofferStore> CreateStoreAsync(TimeProvider time);

    /// <summary>Removes what <see cref="CreateStoreAsync"/> made.</summary>
    protected abstract Task DestroyStoreAsync();

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
