namespace Coffer.Storage;

/// <summary>
/// One sealed secret or account payload outside the items, as the integrity check reads it (<see cref="SealedSecretRows"/>):
/// its owner by name, the device it belongs to (null for the account's own), and what it was sealed under.
/// </summary>
public sealed record SealedSecretRow(long UserId, string UserName, string? DeviceId, string RowKey, int Version, PayloadKind Kind, byte[] Sealed)
{
    /// <summary>The payload context it was sealed under (the repositories' own: docs/security.md).</summary>
    public PayloadContext Context => new(UserId, RowKey, Version, Kind);

    /// <summary>Where a damaged one is, by owner and device; never the secret.</summary>
    public string Where => $"user {UserName}" + (DeviceId is null ? string.Empty : $" device {DeviceId}") + " " + Kind switch
    {
        PayloadKind.Md5Credential => "md5 credential",
        PayloadKind.DeviceInfo => "DevInf",
        PayloadKind.NotificationSecret => "notification secret",
        PayloadKind.SipDigestHa1 => $"SIP {RowKey} HA1",
        PayloadKind.DmCredential => Version == 0 ? "DM client credential" : "DM server secret",
        PayloadKind.DmSnapshot => $"DM backup {RowKey}",
        _ => $"{Kind} {RowKey}",
    };
}
