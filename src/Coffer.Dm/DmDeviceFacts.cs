namespace Coffer.Dm;

/// <summary>What a device says about itself: <c>./DevInfo/Man</c>, <c>Mod</c> and <c>./DevDetail/FwV</c>.</summary>
public sealed record DmDeviceFacts(string Manufacturer, string Model, string Firmware)
{
    public bool IsSameModel(DmDeviceFacts other) =>
        other != null &&
        string.Equals(Manufacturer, other.Manufacturer, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(Model, other.Model, StringComparison.OrdinalIgnoreCase);
}
