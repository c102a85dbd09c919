using System.Text.Json;

namespace Coffer.Agent.Runs;

/// <summary>
/// A restore under way (<c>restore.json</c> in the configuration directory): its target and the datastores already
/// restored completely, so a restore that broke goes on into the same, no longer empty, directory and restores only
/// what is missing (docs/agent.md "Resuming"). Removed when a restore run ends with everything done.
/// </summary>
public sealed class RestoreProgress
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The full path of the directory being restored into.</summary>
    public required string To { get; set; }

    public List<string> Done { get; set; } = [];

    public static RestoreProgress? Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<RestoreProgress>(File.ReadAllBytes(path), Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(this, Options));
        File.Move(temp, path, overwrite: true);
    }
}
