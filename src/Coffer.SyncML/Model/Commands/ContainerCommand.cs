namespace Coffer.SyncML;

/// <summary>A command that nests other commands in order (Atomic, Sequence, Sync).</summary>
public abstract class ContainerCommand : SyncMLCommand
{
    public List<SyncMLCommand> Commands { get; } = [];
}
