namespace Coffer.SyncML;

/// <summary>A command that carries one or more Items (Add, Copy, Delete, Exec, Get, Move, Put, Replace).</summary>
public abstract class ItemCommand : SyncMLCommand
{
    public List<Item> Items { get; } = [];
}
