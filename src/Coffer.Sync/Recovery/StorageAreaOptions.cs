namespace Coffer.Sync.Recovery;

/// <summary>The storage area (configuration section <c>Coffer:Area</c>).</summary>
public sealed class StorageAreaOptions
{
    /// <summary>Generations kept per datastore; a save beyond it drops the oldest.</summary>
    public int Generations { get; set; } = 5;
}
