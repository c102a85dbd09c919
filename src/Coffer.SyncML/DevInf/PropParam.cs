namespace Coffer.SyncML.DevInf;

/// <summary>
/// A property parameter, <c>PropParam (ParamName, DataType?, ValEnum*, DisplayName?)</c>
/// (OMA-TS-DS_DevInf-V1_2 §5, "PropParam"). In the flat DevInf 1.0/1.1 CTCap a <c>ParamName</c> may also
/// carry a <c>Size</c>, kept in <see cref="MaxSize"/>.
/// </summary>
public sealed class PropParam
{
    public string ParamName { get; set; } = string.Empty;

    /// <summary>Null when absent; empty when the element was present but empty (<c>&lt;DataType/&gt;</c>).</summary>
    public string? DataType { get; set; }

    /// <summary>Only the flat DevInf 1.0/1.1 form has a parameter size (DevInf 1.1 DTD: ParamName, (ValEnum+ | (DataType, Size?))).</summary>
    public long? MaxSize { get; set; }

    public List<string> ValEnum { get; set; } = [];

    public string? DisplayName { get; set; }
}
