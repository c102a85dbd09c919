namespace Coffer.Server;

/// <summary>The "Coffer" configuration section, resolved at start-up.</summary>
public sealed class CofferServerOptions
{
    /// <summary>Configuration key of the data directory (command line: --data DIR).</summary>
    public const string DataDirKey = "Coffer:DataDir";

    /// <summary>Absolute path of the data directory (created at start-up; default ./data).</summary>
    public required string DataDir { get; init; }

    /// <summary>Configuration key of <see cref="PublicUrl"/>.</summary>
    public const string PublicUrlKey = "Coffer:PublicUrl";

    /// <summary>
    /// The base URL clients reach the server at (e.g. https://sync.example.org behind a proxy); RespURI is built
    /// from it. Unset: from each request's scheme and host.
    /// </summary>
    public string? PublicUrl { get; init; }
}
