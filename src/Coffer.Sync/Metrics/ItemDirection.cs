namespace Coffer.Sync.Metrics;

/// <summary>Which side an item change came from (label "direction").</summary>
public enum ItemDirection
{
    /// <summary>Sent by the client, applied to the server store.</summary>
    FromClient,

    /// <summary>Sent by the server to the client.</summary>
    ToClient,
}
