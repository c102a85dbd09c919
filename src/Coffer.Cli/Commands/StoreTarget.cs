using System.Data.Common;
using Coffer.Storage;
using Coffer.Storage.Providers;

namespace Coffer.Cli.Commands;

/// <summary>
/// The store one verb works on: the provider, the PostgreSQL connection string, and the data directory (the SQLite file,
/// and for both providers the master key file unless the key is configured).
/// </summary>
internal sealed class StoreTarget(StoreProvider provider, string? connectionString, DirectoryInfo data, string? masterKey, string masterKeySource, string? sipRealm = null)
{
    public StoreProvider Provider { get; } = provider;

    public DirectoryInfo Data { get; } = data;

    /// <summary>The SIP digest realm the server uses (Coffer:Sip:Realm): a password set here stores its HA1s for it.</summary>
    public string SipRealm { get; } = string.IsNullOrWhiteSpace(sipRealm) ? SipDigestCredential.DefaultRealm : sipRealm.Trim();

    /// <summary>The PostgreSQL connection string (null for SQLite); never for messages, it may hold a password.</summary>
    public string? ConnectionString { get; } = connectionString;

    public StorageOptions Options => new() { DataDir = Data.FullName, MasterKey = masterKey, MasterKeySource = masterKeySource };

    /// <summary>Where the data is, for messages (never the connection string: it may hold a password).</summary>
    public string Where => Provider == StoreProvider.Sqlite ? Data.FullName : StoreFactory.Describe(Provider, ConnectionString, Data.FullName);

    /// <summary>
    /// The store, initialized (its schema brought up to date). Only with <paramref name="mayCreate"/> is a new store made
    /// where there is none; otherwise that is an error naming the place, so a mistyped --data or database name does not
    /// leave an empty store behind.
    /// </summary>
    public async Task<ICofferStore> OpenAsync(bool mayCreate, CancellationToken ct)
    {
        if (Provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new StoreUnavailableException($"{StoreFactory.ProviderKey}=postgres needs a connection string: --connection \"Host=...;Database=...;Username=...\" or {StoreFactory.ConnectionStringKey} (environment Coffer__Storage__ConnectionString)");
        }

        if (!mayCreate && !await ExistsAsync(ct))
        {
            throw new StoreUnavailableException(Provider == StoreProvider.Sqlite
                ? $"no Coffer store in {Data.FullName} (give the server's data directory with --data or {Configuration.ServerSettings.DataDirKey})"
                : $"{Where} holds no Coffer store: the server creates its tables at its first start (or 'coffer user add' does)");
        }

        if (Provider == StoreProvider.Sqlite)
        {
            PrivateFiles.EnsureDirectory(Data.FullName);
        }

        ICofferStore store;
        try
        {
            store = StoreFactory.Create(Provider, ConnectionString, Options);
        }
        catch (ArgumentException e)
        {
            throw new StoreUnavailableException(e.Message, e);
        }

        try
        {
            await store.InitializeAsync(ct);
            return store;
        }
        catch (DbException e)
        {
            await store.DisposeAsync();
            throw new StoreUnavailableException($"cannot open {Where}: {e.Message}", e);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private async Task<bool> ExistsAsync(CancellationToken ct)
    {
        try
        {
            return await StoreProbe.ExistsAsync(Provider, ConnectionString, Data.FullName, ct);
        }
        catch (Exception e) when (e is DbException or ArgumentException or TimeoutException)
        {
            throw new StoreUnavailableException($"cannot reach {Where}: {e.Message}", e);
        }
    }
}
