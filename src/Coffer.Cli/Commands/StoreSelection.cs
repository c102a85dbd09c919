using System.CommandLine;
using System.Data.Common;
using Coffer.Cli.Configuration;
using Coffer.Storage;
using Coffer.Storage.Providers;

namespace Coffer.Cli.Commands;

/// <summary>
/// How every verb that opens a store chooses it: --data, --provider and --connection, each falling back to the server's
/// own settings (<see cref="ServerSettings"/>: Coffer:DataDir, Coffer:Storage:Provider, Coffer:Storage:ConnectionString
/// from appsettings.json or the environment), so the CLI finds the store of the server started the same way, and a
/// password need not appear on the command line. The master key comes from the same place as the server's.
/// </summary>
internal sealed class StoreSelection
{
    private readonly ServerSettings settings;

    public StoreSelection(ServerSettings settings)
    {
        this.settings = settings;
        Data = new Option<DirectoryInfo>("--data")
        {
            Description = $"the server's data directory: the SQLite store, and the master key file for either provider (default: {ServerSettings.DataDirKey}, else ./data)",
            DefaultValueFactory = _ => new DirectoryInfo(settings[ServerSettings.DataDirKey] ?? "data"),
        };
    }

    public Option<DirectoryInfo> Data { get; }

    public Option<string?> Provider { get; } = new("--provider")
    {
        Description = $"storage provider: sqlite or postgres (default: {StoreFactory.ProviderKey}, e.g. the environment variable Coffer__Storage__Provider, else sqlite)",
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = $"the PostgreSQL connection string (default: {StoreFactory.ConnectionStringKey}, e.g. Coffer__Storage__ConnectionString: a password here is visible to ps)",
    };

    /// <summary>Adds --data, --provider and --connection to a verb.</summary>
    public Command AddTo(Command verb)
    {
        verb.Options.Add(Data);
        verb.Options.Add(Provider);
        verb.Options.Add(Connection);
        return verb;
    }

    /// <summary>The store the parsed command names.</summary>
    public StoreTarget Resolve(ParseResult parseResult)
    {
        var name = parseResult.GetValue(Provider) ?? settings[StoreFactory.ProviderKey];
        StoreProvider provider;
        try
        {
            provider = StoreFactory.ParseProvider(name);
        }
        catch (ArgumentException)
        {
            throw new StoreUnavailableException($"unknown storage provider '{name}': sqlite or postgres (--provider, {StoreFactory.ProviderKey})");
        }

        var connection = parseResult.GetValue(Connection) ?? (provider == StoreProvider.Postgres ? settings[StoreFactory.ConnectionStringKey] : null);
        if (connection != null)
        {
            try
            {
                StoreFactory.Describe(provider, connection, ".");
            }
            catch (ArgumentException e)
            {
                throw new StoreUnavailableException($"the connection string is not understood: {e.Message}", e);
            }
        }

        var (key, source) = settings.MasterKey();
        return new StoreTarget(provider, connection, parseResult.GetValue(Data)!, key, source, settings[SipDigestCredential.RealmKey]);
    }

    /// <summary>
    /// Runs a verb on the store the command names; a store that cannot be used (none there, unreachable, the wrong master
    /// key, a schema newer than this build, a key file that cannot be written) ends it with one line on standard error and
    /// exit code 1.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parseResult, Func<StoreTarget, InvocationConfiguration, Task<int>> verb)
    {
        var io = parseResult.InvocationConfiguration;
        try
        {
            return await verb(Resolve(parseResult), io);
        }
        catch (StoreUnavailableException e)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }
        catch (StorageException e)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }
        catch (DbException e)
        {
            return CliErrors.Fail(io.Error, $"the database failed: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The data directory's key files.
            return CliErrors.Fail(io.Error, e.Message);
        }
    }
}
