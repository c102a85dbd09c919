namespace Coffer.Agent.AppData;

/// <summary>The SQLite files of the appdata datastore the agent tracks by their row changes, by path.</summary>
public sealed class AppDataState
{
    public List<AppDataFileRecord> Files { get; set; } = [];

    public AppDataFileRecord? Find(string path) => Files.Find(f => string.Equals(f.Path, path, StringComparison.Ordinal));
}
