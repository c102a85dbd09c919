namespace Coffer.Server;

/// <summary>The "Coffer" configuration section, resolved at start-up.</summary>
public sealed class CofferServerOptions
{
    /// <summary>Configuration key of the data directory (command line: --data DIR).</summary>
    public const string DataDirKey = "Coffer:DataDir";

    /// <summary>Absolute path of the data directory (created at start-up; default ./data).</summary>
    public required string DataDir { get; init; }
}
