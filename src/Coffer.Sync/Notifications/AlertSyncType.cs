using Coffer.Storage;
using Coffer.SyncML.San;

namespace Coffer.Sync.Notifications;

/// <summary>
/// The sync type a notification asks of one datastore. A notification can only ask for alerts 206–210
/// (OMA-TS-DS_Notification-V1_2, sync-type field), so the slow sync due after a storage-area recovery is asked as a
/// two-way sync: the session answers it with 508 and runs it slow (docs/history-and-recovery.md).
/// </summary>
public static class AlertSyncType
{
    public static int Choose(DeviceAlertKind kind, DatastoreKind datastore) => kind switch
    {
        DeviceAlertKind.Restore => SanCodec.RefreshFromServerByServer,
        DeviceAlertKind.Backup => SanCodec.OneWayFromClientByServer,

        // Mail, SMS, photos and files are backed up one way from the phone (seed 000 §4.1, docs/sync-engine.md).
        _ => datastore is DatastoreKind.Mail or DatastoreKind.Sms or DatastoreKind.Photos or DatastoreKind.Files
            ? SanCodec.OneWayFromClientByServer
            : SanCodec.TwoWayByServer,
    };

    /// <summary>The server datastore name a notification gives for a kind (one the server resolves, docs/syncml.md).</summary>
    public static string ServerUri(DatastoreKind kind) => kind switch
    {
        DatastoreKind.Contacts => "card",
        DatastoreKind.Events => "cal",
        DatastoreKind.Tasks => "task",
        DatastoreKind.Notes => "note",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
