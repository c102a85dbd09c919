using System.Text.Json;

namespace Coffer.Agent.Dm;

/// <summary>
/// What ./DevInfo and ./DevDetail say (OMA-TS-DM_StdObj-V1_2 §5.1, §5.3): the device id, and from the profile's
/// <c>device.json</c> manufacturer, model, firmwareVersion, softwareVersion, hardwareVersion, deviceType, oem; the
/// connection the agent is on (./DevDetail/Ext/Coffer/Connection).
/// </summary>
public sealed record DmDevice(string DeviceId, string DeviceFile, Consent.ConnectionKind Connection, long MaxObjSize)
{
    public string Field(string name)
    {
        if (!File.Exists(DeviceFile))
        {
            return string.Empty;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(DeviceFile));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
