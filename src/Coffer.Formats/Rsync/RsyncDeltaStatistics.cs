namespace Coffer.Formats.Rsync;

/// <summary>What a delta holds: bytes sent as literals, bytes copied from the basis, and the commands.</summary>
public sealed record RsyncDeltaStatistics(long LiteralBytes, long CopiedBytes, long LiteralCommands, long CopyCommands)
{
    /// <summary>The new file's length.</summary>
    public long NewFileBytes => LiteralBytes + CopiedBytes;
}
