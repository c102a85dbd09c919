namespace Coffer.Sip.Session;

/// <summary>How the data travels between the two devices (seed 003 §4: SyncML or rsync).</summary>
public enum PeerSyncProtocol
{
    SyncML,
    Rsync,
}
