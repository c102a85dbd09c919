namespace Coffer.Formats.Merge;

/// <summary>What the field algebra needs to know about one format's properties.</summary>
internal interface IFieldSchema
{
    /// <summary>At most one occurrence makes sense (N, FN, DTSTART...): two different values are a conflict, not a union.</summary>
    bool IsSingle(string name);

    /// <summary>Bookkeeping the sides rewrite on every save (REV, DTSTAMP): never a conflict, never a reason to update a device.</summary>
    bool IsVolatile(string name);

    /// <summary>The device's entry for a field name (aliases included), or null when it cannot hold it.</summary>
    PropertyCapability? Find(DeviceCapabilities caps, string name);
}
