namespace Coffer.Storage;

/// <summary>
/// What one device knows of one datastore: the "synchronization object" of seed 002 (an anchor pair that both
/// sides keep after a successful sync; a mismatch forces a slow sync: OMA-TS-DS_Protocol-V1_2, sync anchors carried
/// in the sync Alert's Meta Anchor Last/Next) plus
/// the sequence cursors that make "what has this device not seen?" an index range scan.
/// </summary>
/// <param name="LastAnchor">The device's Next anchor from the last successful sync; its Last anchor must match it next time.</param>
/// <param name="NextAnchor">The device's Next anchor of the session in progress (becomes LastAnchor on success).</param>
/// <param name="ServerLastAnchor">The anchor the server gave the device at the last successful sync.</param>
/// <param name="ServerNextAnchor">The anchor the server proposes in the session in progress.</param>
/// <param name="SentSequence">Highest sequence sent to the device in the session in progress.</param>
/// <param name="AckedSequence">Highest sequence the device has acknowledged (statuses/Map received): the changes-since cursor.</param>
/// <param name="RecoverySequence">
/// Set when the datastore was recovered from the storage area since this device last synced it (the user's sequence
/// at the recovery): the next sync is a slow sync in which the recovered data wins (seed 000 §5.3). Null otherwise.
/// </param>
/// <param name="QuotaRefused">
/// Adds of this device were refused with 420 (quota full) and the device still holds them: once the quota has room, the
/// next sync is a slow sync, so they are sent again.
/// </param>
public sealed record SyncState(
    long DeviceId,
    long DatastoreId,
    string? LastAnchor,
    string? NextAnchor,
    string? ServerLastAnchor,
    string? ServerNextAnchor,
    long SentSequence,
    long AckedSequence,
    DateTimeOffset? LastSuccess,
    DateTimeOffset Updated,
    long? RecoverySequence = null,
    bool QuotaRefused = false);
