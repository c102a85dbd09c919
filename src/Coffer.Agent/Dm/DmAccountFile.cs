using System.Text.Json;

namespace Coffer.Agent.Dm;

/// <summary><c>dm.json</c> of the agent's configuration directory, mode 0600 like <c>credentials</c>: whoever reads it can act as the device or the server.</summary>
public sealed class DmAccountFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path => path;

    public DmAccount? Load() => File.Exists(path) ? JsonSerializer.Deserialize<DmAccount>(File.ReadAllBytes(path), Json) : null;

    /// <summary>Written to a temporary file created 0600 and renamed over the old one (a crash leaves one or the other).</summary>
    public void Save(DmAccount account)
    {
        var temp = path + ".tmp";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(account, Json));
        }

        File.Move(temp, path, overwrite: true);
    }
}
