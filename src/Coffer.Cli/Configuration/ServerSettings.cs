using Coffer.Storage;
using Microsoft.Extensions.Configuration;

namespace Coffer.Cli.Configuration;

/// <summary>
/// The server's settings, read the way the server reads them (WebApplication.CreateBuilder): appsettings.json and
/// appsettings.{environment}.json of the current directory, then the environment (Coffer__Storage__Provider,
/// Coffer__DataDir, COFFER_MASTER_KEY...). The environment or configuration that starts the server thus makes every
/// verb find the same store, master key and defaults; a verb's own options (--data, --provider, --connection) win.
/// </summary>
internal sealed class ServerSettings
{
    public const string DataDirKey = "Coffer:DataDir";

    private readonly Lazy<IConfiguration> configuration;

    public ServerSettings(Func<IConfiguration> load) => configuration = new Lazy<IConfiguration>(load);

    /// <summary>The settings of the current directory and the process environment.</summary>
    public static ServerSettings FromEnvironment() => new(() => Load(Directory.GetCurrentDirectory()));

    /// <summary>Exactly the given settings (keys as in configuration: "Coffer:Storage:Provider", "COFFER_MASTER_KEY").</summary>
    public static ServerSettings FromValues(IReadOnlyDictionary<string, string?> values) =>
        new(() => new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    public string? this[string key] => configuration.Value[key] is { Length: > 0 } value ? value : null;

    /// <summary>A section bound as the server binds it (Coffer:Quota, Coffer:Area, ...), or the built-in defaults.</summary>
    public T Section<T>(string key)
        where T : new() => configuration.Value.GetSection(key).Get<T>() ?? new T();

    /// <summary>The master key as the server finds it: Coffer:Storage:MasterKey, else COFFER_MASTER_KEY; (null, "file") for the data directory's key file.</summary>
    public (string? Key, string Source) MasterKey() =>
        this[MasterKeyFile.ConfigurationKey] is { } configured ? (configured, "configuration " + MasterKeyFile.ConfigurationKey)
        : this[MasterKeyFile.EnvironmentVariable] is { } fromEnvironment ? (fromEnvironment, "environment " + MasterKeyFile.EnvironmentVariable)
        : (null, "file");

    private static IConfiguration Load(string directory)
    {
        // The host's environment name: ASPNETCORE_ENVIRONMENT wins over DOTNET_ENVIRONMENT, as in the web host.
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } aspnet ? aspnet
            : Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
            : "Production";
        return new ConfigurationBuilder()
            .SetBasePath(directory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }
}
