namespace Coffer.Storage;

/// <summary>One DM backup of a device: what its tree said about itself, and the size of the sealed tree document.</summary>
public sealed record DmSnapshot(
    long Id,
    long DeviceId,
    DateTimeOffset Taken,
    string Manufacturer,
    string Model,
    string Firmware,
    int NodeCount,
    long Bytes);
