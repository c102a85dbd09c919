using System.CommandLine;
using Coffer.Storage;
using Coffer.Storage.Providers;

namespace Coffer.Cli.Commands;

/// <summary>
/// Which store a command works on: the SQLite file in --data (the default), or the PostgreSQL database of
/// --provider postgres --connection "...". Unset options fall back to the server's environment variables
/// (Coffer__Storage__Provider, Coffer__Storage__ConnectionString), so the CLI finds the server's store from the same
/// environment, and a password need not appear on the command line.
/// </summary>
internal sealed class StoreSelection
{
    public Option<string?> Provider { get; } = new("--provider")
    {
        Description = "storage provider: sqlite (default) or postgres (default from the environment variable Coffer__Storage__Provider)",
        Recursive = true,
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "the PostgreSQL connection string (default from Coffer__Storage__ConnectionString)",
        Recursive = true,
    };

    /// <summary>The store the parsed command names, for <paramref name="data"/> as the data directory.</summary>
    public Target Resolve(ParseResult parseResult, DirectoryInfo data) => new(
        StoreFactory.ParseProvider(parseResult.GetValue(Provider) ?? StoreFactory.FromEnvironment(StoreFactory.ProviderKey)),
        parseResult.GetValue(Connection) ?? StoreFactory.FromEnvironment(StoreFactory.ConnectionStringKey),
        data);

    public sealed record Target(StoreProvider Provider, string? ConnectionString, DirectoryInfo Data)
    {
        public ICofferStore Open()
        {
            if (Provider == StoreProvider.Sqlite)
            {
                PrivateFiles.EnsureDirectory(Data.FullName);
            }

            return StoreFactory.Create(Provider, ConnectionString, KeyCommands.Options(Data));
        }

        /// <summary>Where the data is, for messages (never the connection string: it may hold a password).</summary>
        public override string ToString() => Provider == StoreProvider.Sqlite ? Data.FullName : StoreFactory.Describe(Provider, ConnectionString, Data.FullName);
    }
}
