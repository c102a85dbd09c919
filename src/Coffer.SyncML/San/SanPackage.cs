namespace Coffer.SyncML.San;

/// <summary>
/// Builds a signed package #0 for a server-initiated session (OMA-TS-DS_Notification-V1_2): DS 1.2, background
/// ui-mode, one sync per datastore, the digest keyed by the server identifier and the device's password with an empty
/// nonce — the same layout as buteo's SAN01.
/// </summary>
public static class SanPackage
{
    public static byte[] Build(string serverIdentifier, string password, ushort sessionId, SanInitiator initiator, IEnumerable<SanSync> syncs)
    {
        var message = new SanMessage
        {
            Version = SanCodec.Version12,
            UiMode = SanUiMode.Background,
            Initiator = initiator,
            SessionId = sessionId,
            ServerIdentifier = serverIdentifier,
            Syncs = [.. syncs],
        };
        return SanCodec.Encode(message, serverIdentifier, password, []);
    }
}
