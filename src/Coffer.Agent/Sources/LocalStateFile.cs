using System.Text.Json;

namespace Coffer.Agent.Sources;

/// <summary>Reads and writes a <see cref="LocalState"/> as JSON; a write goes to a temporary file renamed over the old one.</summary>
public static class LocalStateFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static LocalState Load(string path) => File.Exists(path)
        ? JsonSerializer.Deserialize<LocalState>(File.ReadAllBytes(path), Options) ?? new LocalState()
        : new LocalState();

    public static void Save(string path, LocalState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(state, Options));
        File.Move(temp, path, overwrite: true);
    }
}
