namespace Coffer.Sync.Recovery;

/// <summary>A save, recovery or restore that cannot be done as asked (unknown datastore or generation, a time outside the history).</summary>
public sealed class RecoveryException(string message) : Exception(message);
