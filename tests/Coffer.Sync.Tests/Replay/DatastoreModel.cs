namespace Coffer.Sync.Tests.Replay;

/// <summary>What a correct server must know about one datastore of the replayed device, kept by the test itself.</summary>
public sealed class DatastoreModel
{
    /// <summary>LUIDs of the device's items the server has been told about (Add, Replace, Map) and not deleted.</summary>
    public HashSet<string> Known { get; } = new(StringComparer.Ordinal);

    /// <summary>The device's Next anchor of the last completed session: its Last in the next Alert must match it.</summary>
    public string? LastCompletedNext { get; set; }

    public string? SessionNext { get; set; }

    /// <summary>The sync type in effect this session (after a 508, slow sync), null when not alerted.</summary>
    public int? Mode { get; set; }

    /// <summary>The device's latest content per LUID (decoded), to compare with what the server stored.</summary>
    public Dictionary<string, (string Type, string Text)> Content { get; } = new(StringComparer.Ordinal);
}
