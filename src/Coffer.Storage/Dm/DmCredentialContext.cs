namespace Coffer.Storage;

/// <summary>The associated data of a DM account's sealed secrets and of a sealed DM snapshot (docs/security.md).</summary>
public static class DmCredentialContext
{
    public static PayloadContext ClientCredential(long userId, long deviceId) => new(userId, Id(deviceId), 0, PayloadKind.DmCredential);

    public static PayloadContext ServerSecret(long userId, long deviceId) => new(userId, Id(deviceId), 1, PayloadKind.DmCredential);

    public static PayloadContext Snapshot(long userId, long snapshotId) => new(userId, Id(snapshotId), 0, PayloadKind.DmSnapshot);

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
