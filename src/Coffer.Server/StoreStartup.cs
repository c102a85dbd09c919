using Coffer.Storage;

namespace Coffer.Server;

/// <summary>
/// Opens the store before the server takes requests: schema migrations, the master key check (a wrong or missing key
/// stops the start with its reason instead of failing the first sync) and the pass that encrypts what an older version
/// kept in clear.
/// </summary>
internal sealed class StoreStartup(ICofferStore store, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Store open; payloads encrypted under data keys wrapped by master key {MasterKeyId} ({Source})", store.KeyRing.Master.Id, store.KeyRing.Master.Source);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
