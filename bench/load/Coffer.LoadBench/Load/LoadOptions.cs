using Coffer.Storage.Providers;

namespace Coffer.LoadBench.Load;

/// <summary>Everything a load run is told on the command line (Program lists the options and their defaults).</summary>
public sealed record LoadOptions
{
    public int Phones { get; init; } = 100;

    public int Rounds { get; init; } = 5;

    public int Contacts { get; init; } = 100;

    public ChangeMix Changes { get; init; } = new(2, 1, 1);

    /// <summary>A running server's base URL; when null the bench starts <see cref="ServerDll"/> itself.</summary>
    public Uri? Url { get; init; }

    public string? ServerDll { get; init; }

    public required string DataDir { get; init; }

    /// <summary>The server's store: SQLite in <see cref="DataDir"/> (the default) or PostgreSQL at <see cref="ConnectionString"/>.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    public string? ConnectionString { get; init; }

    /// <summary>
    /// Sessions each phone tries before its sync counts as failed: more than one while the database fails over, as a
    /// phone retries a sync that broke off (the first failure is still counted in the table).
    /// </summary>
    public int Attempts { get; init; } = 1;

    public int Port { get; init; } = 18800;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    public int Concurrency { get; init; }

    public bool Wbxml { get; init; }

    public string Password { get; init; } = "load-bench-pw";

    /// <summary>The accounts' names: PREFIX0001, PREFIX0002...</summary>
    public string UserPrefix { get; init; } = "user";

    public bool SkipSetup { get; init; }

    public long PhoneMaxMsgSize { get; init; } = 20_000;

    /// <summary>Extra environment for the server process, NAME=VALUE each (e.g. a log level), to compare configurations.</summary>
    public IReadOnlyList<string> ServerEnv { get; init; } = [];
}
