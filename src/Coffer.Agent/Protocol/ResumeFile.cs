using System.Text.Json;

namespace Coffer.Agent.Protocol;

/// <summary>A datastore's <see cref="ResumePoint"/> as JSON beside its state (<c>state/NAME.resume.json</c>), written to a temporary file renamed over the old one.</summary>
public sealed class ResumeFile(string path)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public string Path => path;

    public ResumePoint? Load()
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ResumePoint>(File.ReadAllBytes(path), Options) : null;
        }
        catch (JsonException)
        {
            // Half a point is no point: the session starts afresh.
            return null;
        }
    }

    public void Save(ResumePoint? point)
    {
        if (point == null)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            return;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(point, Options));
        File.Move(temp, path, overwrite: true);
    }
}
