using Coffer.Storage;

namespace Coffer.Sync.Settings;

/// <summary>One datastore a device syncs.</summary>
/// <param name="Items">Items the device holds a mapping for (the server's items it has, or sent).</param>
/// <param name="LastSync">Its last successful sync; null when none completed.</param>
/// <param name="NextSyncIsSlow">The next sync will be a slow sync (never completed, anchors forgotten, or after a recovery or a quota refusal).</param>
public sealed record DeviceDatastore(DatastoreKind Kind, long Items, DateTimeOffset? LastSync, bool NextSyncIsSlow);
