namespace Coffer.Sync.Sessions;

/// <summary>A server Add/Replace/Delete sent to the client, remembered until its Status arrives.</summary>
public sealed class OutstandingCommand
{
    public string ClientUri { get; set; } = string.Empty;

    public string Guid { get; set; } = string.Empty;

    /// <summary>"Add", "Replace" or "Delete".</summary>
    public string Op { get; set; } = string.Empty;

    public long Sequence { get; set; }

    public long Version { get; set; }

    /// <summary>The LUID the command targeted (Replace/Delete).</summary>
    public string? Luid { get; set; }

    /// <summary>This command carried a chunk of a large object and more follow.</summary>
    public bool Chunk { get; set; }
}
