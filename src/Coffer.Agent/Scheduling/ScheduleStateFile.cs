using System.Text.Json;

namespace Coffer.Agent.Scheduling;

/// <summary>Reads and writes a <see cref="ScheduleState"/>; a write goes to a temporary file renamed over the old one.</summary>
public sealed class ScheduleStateFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path => path;

    public ScheduleState Load() => File.Exists(path)
        ? JsonSerializer.Deserialize<ScheduleState>(File.ReadAllBytes(path), Json) ?? new ScheduleState()
        : new ScheduleState();

    public void Save(ScheduleState state)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(state, Json));
        File.Move(temp, path, overwrite: true);
    }
}
