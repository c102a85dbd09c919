namespace Coffer.Agent.Dm;

/// <summary>A large object being received (Add or Replace with MoreData): its chunks so far (OMA-TS-DM_Protocol-V1_2 §7).</summary>
public sealed class DmIncomingObject(string command, string uri, string format, string? type, long? size)
{
    public string Command => command;

    public string Uri => uri;

    public string Format => format;

    public string? Type => type;

    /// <summary>The Size the first chunk announced; the whole must have it (424 otherwise).</summary>
    public long? Size => size;

    public MemoryStream Bytes { get; } = new();
}
