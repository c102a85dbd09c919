namespace Coffer.SyncML.DevInf;

/// <summary>
/// A supported content-type property, <c>Property (PropName, DataType?, MaxOccur?, MaxSize?, NoTruncate?,
/// ValEnum*, DisplayName?, PropParam*)</c> (OMA-TS-DS_DevInf-V1_2 §5, "Property"). DevInf 1.0/1.1 call
/// <see cref="MaxSize"/> <c>Size</c> and have no <c>MaxOccur</c>.
/// </summary>
public sealed class Property
{
    public string PropName { get; set; } = string.Empty;

    /// <summary>Null when absent; empty when the element was present but empty (<c>&lt;DataType/&gt;</c>).</summary>
    public string? DataType { get; set; }

    /// <summary>How many times the property may occur in one object; null when not stated (unbounded).</summary>
    public long? MaxOccur { get; set; }

    public long? MaxSize { get; set; }

    /// <summary>The device rejects rather than truncates values longer than <see cref="MaxSize"/>.</summary>
    public bool NoTruncate { get; set; }

    public List<string> ValEnum { get; set; } = [];

    public string? DisplayName { get; set; }

    public List<PropParam> PropParams { get; set; } = [];

    /// <summary>Parameter names are case-insensitive in vCard/iCalendar (RFC 6350 §3.3, RFC 5545 §3.2).</summary>
    public PropParam? FindParam(string paramName) =>
        PropParams.FirstOrDefault(p => string.Equals(p.ParamName, paramName, StringComparison.OrdinalIgnoreCase));
}
