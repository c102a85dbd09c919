namespace Coffer.SyncML;

/// <summary>
/// The one error every SyncML, WBXML, DevInf and SAN codec raises for input it cannot accept.
/// Callers (the server, the CLI, fuzz tests) rely on nothing else escaping a codec.
/// </summary>
public sealed class SyncMLFormatException : Exception
{
    public SyncMLFormatException(string message)
        : base(message)
    {
    }

    public SyncMLFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Byte offset (WBXML, SAN) or line number (XML) where the problem was found, when known.</summary>
    public long? Position { get; init; }

    /// <summary>
    /// The input broke a resource limit (size, elements, decoded text) rather than a syntax rule: a server answers it
    /// with 413 (Request entity too large, OMA-TS-SyncML_RepPro-V1_2 §10), not with 400.
    /// </summary>
    public bool LimitExceeded { get; init; }
}
