namespace Coffer.Server.Api;

/// <summary>Coffer:Devices (docs/operations.md): how many devices one account may register through the API.</summary>
public sealed class DeviceLimitOptions
{
    /// <summary>
    /// The most devices a user may have before <c>POST /api/devices</c> refuses a new one (409): 100. A stolen token
    /// cannot fill the devices table; a device that already exists is still accepted.
    /// </summary>
    public int MaxPerUser { get; set; } = 100;
}
