namespace Coffer.Storage;

/// <summary>
/// Every sealed payload kept outside the items (docs/security.md): md5 credentials, devices' DevInf and notification
/// secrets, SIP digest HA1s, DM accounts' client credentials and server secrets, and DM backups. The integrity check of
/// each backend reads them with <see cref="Sql"/> (one query both dialects run) and unseals each with
/// <see cref="Check"/>.
/// </summary>
public static class SealedSecretRows
{
    /// <summary>Columns: user id, user name, device id (or NULL), row key, version, kind, sealed bytes.</summary>
    public static readonly string Sql = $"""
        SELECT u.id, u.name, NULL, CAST(u.id AS TEXT), 0, {(int)PayloadKind.Md5Credential}, u.md5_credential
        FROM users u WHERE u.md5_credential IS NOT NULL
        UNION ALL
        SELECT u.id, u.name, d.device_id, CAST(d.id AS TEXT), 0, {(int)PayloadKind.DeviceInfo}, d.devinf
        FROM devices d JOIN users u ON u.id = d.user_id WHERE d.devinf IS NOT NULL
        UNION ALL
        SELECT u.id, u.name, d.device_id, CAST(d.id AS TEXT), 0, {(int)PayloadKind.NotificationSecret}, d.notify_secret
        FROM devices d JOIN users u ON u.id = d.user_id WHERE d.notify_secret IS NOT NULL
        UNION ALL
        SELECT u.id, u.name, NULL, s.algorithm, 0, {(int)PayloadKind.SipDigestHa1}, s.ha1
        FROM sip_credentials s JOIN users u ON u.id = s.user_id
        UNION ALL
        SELECT u.id, u.name, d.device_id, CAST(d.id AS TEXT), 0, {(int)PayloadKind.DmCredential}, a.client_credential
        FROM dm_accounts a JOIN devices d ON d.id = a.device_id JOIN users u ON u.id = a.user_id
        UNION ALL
        SELECT u.id, u.name, d.device_id, CAST(d.id AS TEXT), 1, {(int)PayloadKind.DmCredential}, a.server_secret
        FROM dm_accounts a JOIN devices d ON d.id = a.device_id JOIN users u ON u.id = a.user_id
        UNION ALL
        SELECT u.id, u.name, d.device_id, CAST(s.id AS TEXT), 0, {(int)PayloadKind.DmSnapshot}, s.tree
        FROM dm_snapshots s JOIN devices d ON d.id = s.device_id JOIN users u ON u.id = d.user_id
        """;

    /// <summary>Unseals <paramref name="row"/>, adding a problem that names its owner when it does not unseal.</summary>
    public static void Check(PayloadProtector payloads, SealedSecretRow row, List<IntegrityProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(problems);
        try
        {
            payloads.Decode(row.Sealed, row.Context);
        }
        catch (StorageException e)
        {
            problems.Add(new IntegrityProblem(row.Where, e.Message));
        }
    }
}
