namespace Coffer.SyncML;

/// <summary>How the SyncML XML reader treats its input: compliance and resource limits.</summary>
public sealed record SyncMLReadOptions
{
    /// <summary>Lenient, 16 MiB, depth 64.</summary>
    public static SyncMLReadOptions Default { get; } = new();

    /// <summary>Same limits, strict compliance.</summary>
    public static SyncMLReadOptions StrictDefault { get; } = new() { Strict = true };

    /// <summary>
    /// False (default): accept what real devices send — namespaces missing or in another case, element names in
    /// another case, whitespace around values, unknown elements (ignored), DTD-required elements missing.
    /// True: reject everything the SyncML DTDs do not allow (except element order, which is not checked).
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Largest accepted input, in bytes (or characters for string input).</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Deepest accepted element nesting (the root is depth 1).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Most elements accepted in one document (default 250,000; a 4 MiB message of real items holds a tenth of that).
    /// It bounds the tree a message of many tiny elements (thousands of empty commands) would build in memory.
    /// </summary>
    public int MaxElements { get; init; } = 250_000;

    /// <summary>
    /// Stop reading after the SyncHdr element: the document holds the root and its header only. For answering a
    /// message that broke a limit, whose header is still worth a status.
    /// </summary>
    public bool HeaderOnly { get; init; }
}
