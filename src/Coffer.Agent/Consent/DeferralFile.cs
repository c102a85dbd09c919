using System.Text.Json;

namespace Coffer.Agent.Consent;

/// <summary>Reads, writes and clears the deferred run of a configuration (deferred.json in its directory).</summary>
public sealed class DeferralFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path => path;

    public Deferral? Load() => File.Exists(path) ? JsonSerializer.Deserialize<Deferral>(File.ReadAllBytes(path), Json) : null;

    public void Save(Deferral deferral)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(deferral, Json));
        File.Move(temp, path, overwrite: true);
    }

    public void Clear() => File.Delete(path);
}
