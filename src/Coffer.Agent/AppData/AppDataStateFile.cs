using System.Text.Json;

namespace Coffer.Agent.AppData;

/// <summary>Reads and writes <see cref="AppDataState"/> as JSON (a temporary file renamed over the old one).</summary>
public static class AppDataStateFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Where the state of <paramref name="datastore"/> lies beside its <c>state/NAME.json</c>.</summary>
    public static string PathFor(Config.AgentHome home, string datastore) => System.IO.Path.ChangeExtension(home.StateFile(datastore), ".files.json");

    public static AppDataState Load(string path) => File.Exists(path)
        ? JsonSerializer.Deserialize<AppDataState>(File.ReadAllBytes(path), Options) ?? new AppDataState()
        : new AppDataState();

    public static void Save(string path, AppDataState state)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(state, Options));
        File.Move(temp, path, overwrite: true);
    }
}
