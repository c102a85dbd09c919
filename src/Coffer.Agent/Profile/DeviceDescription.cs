using System.Text.Json;

namespace Coffer.Agent.Profile;

/// <summary>What the device is (<c>device.json</c>): a restore compares the backup's with the target's.</summary>
public sealed record DeviceDescription(string? Manufacturer, string? Model, string? FirmwareVersion, string? SoftwareVersion)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The description in <paramref name="file"/>; null when the file is missing or not such a JSON object.</summary>
    public static DeviceDescription? Read(string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DeviceDescription>(File.ReadAllBytes(file), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string Describe() => string.Join(' ', new[] { Manufacturer, Model }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name ? name : "unknown model";

    public bool SameModelAs(DeviceDescription other) =>
        !string.IsNullOrWhiteSpace(Model)
        && string.Equals(Manufacturer?.Trim(), other.Manufacturer?.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(Model.Trim(), other.Model?.Trim(), StringComparison.OrdinalIgnoreCase);
}
