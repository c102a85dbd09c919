using System.Runtime.CompilerServices;
using Coffer.Formats.Merge;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Content;

/// <summary>Turns a DevInf CTCap (OMA-TS-DS_DevInf-V1_2 §5) into the <see cref="DeviceCapabilities"/> the field-level merge uses.</summary>
public static class DeviceCapabilitiesMapper
{
    // One mapping per CTCap object: a session renders thousands of items against the same CTCap.
    private static readonly ConditionalWeakTable<CTCap, DeviceCapabilities> Cache = [];

    private static readonly HashSet<string> NamedParams = new(StringComparer.OrdinalIgnoreCase) { "TYPE", "ENCODING", "CHARSET", "VALUE", "LANGUAGE" };

    /// <summary>Null, or a CTCap listing no property, means nothing is known: the device is taken to hold everything.</summary>
    public static DeviceCapabilities From(CTCap? caps)
    {
        if (caps == null || caps.Properties.Count == 0)
        {
            return DeviceCapabilities.Everything;
        }

        return Cache.GetValue(caps, c => new DeviceCapabilities(c.Properties.Where(p => p.PropName.Length > 0).Select(ToCapability)));
    }

    private static PropertyCapability ToCapability(Property p)
    {
        // TYPE values are the TYPE parameter's ValEnum; the flat DevInf 1.1 form of vCard 2.1 CTCaps also lists bare
        // parameters ("HOME", "CELL") as ParamNames of their own (vCard 2.1 §2.1.2).
        var types = new List<string>();
        foreach (var param in p.PropParams)
        {
            if (string.Equals(param.ParamName, "TYPE", StringComparison.OrdinalIgnoreCase))
            {
                types.AddRange(param.ValEnum);
            }
            else if (!NamedParams.Contains(param.ParamName) && !param.ParamName.StartsWith("X-", StringComparison.OrdinalIgnoreCase) && param.ValEnum.Count == 0)
            {
                types.Add(param.ParamName);
            }
        }

        return new PropertyCapability(p.PropName.Trim(), Clamp(p.MaxOccur), Clamp(p.MaxSize), types, [.. p.ValEnum]);
    }

    private static int? Clamp(long? value) => value is > 0 ? (int)Math.Min(value.Value, int.MaxValue) : null;
}
