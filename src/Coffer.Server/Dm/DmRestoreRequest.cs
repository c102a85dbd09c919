namespace Coffer.Server.Dm;

/// <summary>Body of POST .../dm/restore: the device (its device id) whose backup to restore, and which one (default the newest).</summary>
public sealed record DmRestoreRequest(string From, long? Snapshot);
