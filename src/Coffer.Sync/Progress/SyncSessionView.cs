namespace Coffer.Sync.Progress;

/// <summary>One sync session as an administrator sees it: running (no <see cref="Outcome"/>) or finished.</summary>
/// <param name="Id">A short label of the session token (SyncEngine.SessionLabel): the token itself is a bearer secret.</param>
/// <param name="BytesReceived">SyncML message bytes received from the device, as sent (WBXML or XML).</param>
/// <param name="Outcome">"completed", "abandoned" (no message within the session lifetime) or "refused"; null while it runs.</param>
public sealed record SyncSessionView(
    string Id,
    string User,
    string Device,
    DateTimeOffset Started,
    DateTimeOffset LastMessage,
    int Messages,
    long BytesReceived,
    long BytesSent,
    IReadOnlyList<DatastoreProgress> Datastores,
    string? Outcome = null,
    DateTimeOffset? Ended = null);
