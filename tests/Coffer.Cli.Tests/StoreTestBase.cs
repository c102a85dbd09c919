using Coffer.Storage.Providers;

namespace Coffer.Cli.Tests;

/// <summary>A test class whose tests each make a store of the provider their theory names, removed after the test.</summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private CliTestStore? test;

    protected CliTestStore Test => test ?? throw new InvalidOperationException("no store: call CreateStoreAsync first");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (test != null)
        {
            await test.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected async Task<CliTestStore> CreateStoreAsync(StoreProvider provider)
    {
        test = await CliTestStore.CreateAsync(provider);
        return test;
    }
}
