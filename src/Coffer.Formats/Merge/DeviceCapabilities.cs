namespace Coffer.Formats.Merge;

/// <summary>
/// The properties a device can hold for one content type (seed 000 §4.3 Field Level Change): built from its
/// DevInf CTCap by the sync layer. <see cref="Everything"/> stands for a device that sent no CTCap: it is assumed
/// to hold everything, so nothing is trimmed.
/// </summary>
public sealed class DeviceCapabilities
{
    private readonly Dictionary<string, PropertyCapability> exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<PropertyCapability> wildcards = [];

    public DeviceCapabilities(IEnumerable<PropertyCapability> properties)
    {
        foreach (var p in properties)
        {
            if (p.Name.EndsWith('*'))
            {
                wildcards.Add(p);
            }
            else if (!exact.TryGetValue(p.Name, out var known))
            {
                exact[p.Name] = p;
            }
            else
            {
                // Flat DevInf 1.1 CTCaps may list a property twice (once per parameter): keep the tighter limit.
                exact[p.Name] = known with { MaxOccur = Min(known.MaxOccur, p.MaxOccur), TypeValues = [.. known.TypeValues.Union(p.TypeValues)] };
            }
        }

        IsUnlimited = false;
    }

    private DeviceCapabilities()
    {
        IsUnlimited = true;
    }

    /// <summary>A device that holds every property, any number of times (no CTCap known).</summary>
    public static DeviceCapabilities Everything { get; } = new();

    public bool IsUnlimited { get; }

    public IEnumerable<PropertyCapability> Properties => exact.Values.Concat(wildcards);

    /// <summary>The entry for a property: exact name (case-insensitive), else a wildcard such as "X-*".</summary>
    public PropertyCapability? Find(string name)
    {
        if (exact.TryGetValue(name, out var p))
        {
            return p;
        }

        foreach (var w in wildcards)
        {
            if (name.AsSpan().StartsWith(w.Name.AsSpan(0, w.Name.Length - 1), StringComparison.OrdinalIgnoreCase))
            {
                return w;
            }
        }

        return null;
    }

    public bool CanHold(string name) => IsUnlimited || Find(name) != null;

    /// <summary>How many occurrences the device keeps; null = no limit.</summary>
    public int? MaxOccur(string name) => IsUnlimited ? null : Find(name)?.MaxOccur is { } n && n > 0 ? n : null;

    public int? MaxSize(string name) => IsUnlimited ? null : Find(name)?.MaxSize is { } n && n > 0 ? n : null;

    /// <summary>Whether the device keeps this TYPE value on the property (true when it lists no TYPE values).</summary>
    public bool CanHoldType(string name, string type)
    {
        var p = IsUnlimited ? null : Find(name);
        return p == null || p.TypeValues.Count == 0 || p.TypeValues.Contains(type, StringComparer.OrdinalIgnoreCase);
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
