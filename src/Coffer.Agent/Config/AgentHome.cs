using System.Text;
using System.Text.Json;
using Coffer.Agent.Protocol;

namespace Coffer.Agent.Config;

/// <summary>
/// The agent's configuration directory: config.json, the password in <c>credentials</c> (mode 0600, refused when
/// others may read it), the authentication state (auth.json) and one state file per datastore (state/NAME.json).
/// The default is $COFFER_AGENT_HOME, else $XDG_CONFIG_HOME/coffer-agent, else ~/.config/coffer-agent.
/// </summary>
public sealed class AgentHome(string path)
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string ConfigFile => System.IO.Path.Combine(Path, "config.json");

    public string CredentialsFile => System.IO.Path.Combine(Path, "credentials");

    public string AuthFile => System.IO.Path.Combine(Path, "auth.json");

    /// <summary>A run deferred on a metered or roaming connection (seed 004), until an unmetered run does it.</summary>
    public string DeferredFile => System.IO.Path.Combine(Path, "deferred.json");

    /// <summary>The schedule's last checks and backups.</summary>
    public string ScheduleFile => System.IO.Path.Combine(Path, "schedule.json");

    public bool IsInitialized => File.Exists(ConfigFile) && File.Exists(CredentialsFile);

    public static string DefaultPath()
    {
        var explicitHome = Environment.GetEnvironmentVariable("COFFER_AGENT_HOME");
        if (!string.IsNullOrEmpty(explicitHome))
        {
            return explicitHome;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var config = string.IsNullOrEmpty(xdg) ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config") : xdg;
        return System.IO.Path.Combine(config, "coffer-agent");
    }

    public string StateFile(string datastore) => System.IO.Path.Combine(Path, "state", datastore + ".json");

    public void Save(AgentConfig config, string password)
    {
        Directory.CreateDirectory(Path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.Delete(CredentialsFile);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Private;
        }

        using (var stream = new FileStream(CredentialsFile, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(password));
        }

        File.WriteAllBytes(ConfigFile, JsonSerializer.SerializeToUtf8Bytes(config, Json));
    }

    /// <exception cref="AgentConfigException">Not initialized, unreadable, or the credentials file is open to others.</exception>
    public (AgentConfig Config, string Password) Load()
    {
        if (!IsInitialized)
        {
            throw new AgentConfigException($"no agent configured in {Path}: run coffer-agent init");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(CredentialsFile) & ~(Private | UnixFileMode.UserExecute)) != 0)
        {
            throw new AgentConfigException($"{CredentialsFile} may be read by others: chmod 600 it");
        }

        var config = JsonSerializer.Deserialize<AgentConfig>(File.ReadAllBytes(ConfigFile), Json)
            ?? throw new AgentConfigException($"{ConfigFile} is empty");
        return (config, File.ReadAllText(CredentialsFile, Encoding.UTF8));
    }

    public (AuthState Auth, bool DevInfDelivered) LoadAuth()
    {
        if (!File.Exists(AuthFile))
        {
            return (new AuthState(), false);
        }

        var saved = JsonSerializer.Deserialize<SavedAuth>(File.ReadAllBytes(AuthFile), Json);
        return (new AuthState { Type = saved?.Type ?? new AuthState().Type, NextNonce = saved?.NextNonce }, saved?.DevInfDelivered ?? false);
    }

    public void SaveAuth(AuthState auth, bool devInfDelivered) =>
        File.WriteAllBytes(AuthFile, JsonSerializer.SerializeToUtf8Bytes(new SavedAuth(auth.Type, auth.NextNonce, devInfDelivered), Json));

    private sealed record SavedAuth(string Type, string? NextNonce, bool DevInfDelivered);
}
