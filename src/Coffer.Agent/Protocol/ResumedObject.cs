using Coffer.Agent.Sources;

namespace Coffer.Agent.Protocol;

/// <summary>
/// The large object an interrupted session was sending: its change, its file as it was when the session read it
/// (length, time and SHA-256: a file that changed since is sent whole in a new session), and how many of its bytes the
/// server acknowledged with 213 (OMA-TS-DS_Protocol-V1_2 §6.10).
/// </summary>
public sealed class ResumedObject
{
    public required string Luid { get; set; }

    public ChangeKind Kind { get; set; }

    public required string Path { get; set; }

    public string? ContentType { get; set; }

    public required string Sha256 { get; set; }

    public long Length { get; set; }

    public DateTime? Modified { get; set; }

    /// <summary>Bytes of the object the server acknowledged; the next chunk starts here.</summary>
    public long Offset { get; set; }
}
