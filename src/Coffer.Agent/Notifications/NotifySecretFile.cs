using System.Text.Json;

namespace Coffer.Agent.Notifications;

/// <summary>
/// The device's notification secret and the server identifier of its digests (docs/agent.md, "listen"), in
/// <c>notify-secret</c> of the agent's directory, mode 0600 like the credentials file: whoever reads it can forge
/// notifications to this device.
/// </summary>
public sealed class NotifySecretFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public NotifySecret? Load() =>
        File.Exists(path) ? JsonSerializer.Deserialize<NotifySecret>(File.ReadAllBytes(path), Json) : null;

    public void Save(NotifySecret secret)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(JsonSerializer.SerializeToUtf8Bytes(secret, Json));
    }
}
