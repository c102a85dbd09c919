using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteDataKeyRepository(SqliteUnitOfWork uow) : IDataKeyRepository, IDataKeyLookup
{
    private const string Columns = "id, user_id, wrapped, master_key_id, created";

    public WrappedDataKey? Find(uint keyId) =>
        uow.QuerySingle(Map, $"SELECT {Columns} FROM data_keys WHERE id = $id", ("$id", (long)keyId));

    public WrappedDataKey? FindCurrent(long userId) =>
        uow.QuerySingle(Map, $"SELECT {Columns} FROM data_keys WHERE user_id = $u ORDER BY id DESC LIMIT 1", ("$u", userId));

    public string? MasterKeyIdInUse() => uow.Scalar("SELECT master_key_id FROM data_keys LIMIT 1") as string;

    public WrappedDataKey Create(long userId, string masterKeyId, Func<uint, byte[]> wrap)
    {
        ArgumentNullException.ThrowIfNull(wrap);
        var now = uow.Now;
        // The id is part of the wrapping's associated data, so the row comes first and gets its wrapped key after.
        var id = (long)uow.Scalar(
            "INSERT INTO data_keys (user_id, wrapped, master_key_id, created) VALUES ($u, x'', $m, $now) RETURNING id",
            ("$u", userId),
            ("$m", masterKeyId),
            ("$now", now))!;
        if (id > uint.MaxValue)
        {
            throw new StorageException($"data key id {id} does not fit the payload header");
        }

        var wrapped = wrap((uint)id);
        uow.Execute("UPDATE data_keys SET wrapped = $w WHERE id = $id", ("$w", wrapped), ("$id", id));
        return new WrappedDataKey((uint)id, userId, wrapped, masterKeyId, DateTimeOffset.FromUnixTimeMilliseconds(now));
    }

    public Task<IReadOnlyList<WrappedDataKey>> ListAsync(CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<WrappedDataKey>>(cancellationToken, () => uow.Query(Map, $"SELECT {Columns} FROM data_keys ORDER BY id"));

    public Task<bool> RewrapAsync(uint keyId, byte[] wrapped, string masterKeyId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(wrapped);
            ArgumentException.ThrowIfNullOrEmpty(masterKeyId);
            return uow.Execute("UPDATE data_keys SET wrapped = $w, master_key_id = $m WHERE id = $id", ("$w", wrapped), ("$m", masterKeyId), ("$id", (long)keyId)) == 1;
        });

    public Task<IReadOnlyList<PayloadCount>> CountPayloadsAsync(CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<PayloadCount>>(cancellationToken, () =>
        [
            // Byte 3 of a payload is its cipher, byte 1 its layout (PayloadHeader: 0x01 fixed, 0xC2 compact).
            Count("item versions", "SELECT substr(payload, 3, 1) <> x'00', COUNT(*), SUM(length(payload)), SUM(size) FROM item_versions WHERE payload IS NOT NULL GROUP BY 1"),
            Count("session states", "SELECT substr(state, 3, 1) <> x'00' AND substr(state, 1, 1) IN (x'01', x'C2'), COUNT(*), SUM(length(state)), 0 FROM sessions GROUP BY 1"),
            Count("cached replies", "SELECT substr(body, 3, 1) <> x'00' AND substr(body, 1, 1) IN (x'01', x'C2'), COUNT(*), SUM(length(body)), 0 FROM session_replies GROUP BY 1"),
            Count("session chunks", "SELECT substr(data, 3, 1) <> x'00' AND substr(data, 1, 1) IN (x'01', x'C2'), COUNT(*), SUM(length(data)), 0 FROM session_chunks GROUP BY 1"),
            Count("blob chunks", "SELECT substr(data, 3, 1) <> x'00' AND substr(data, 1, 1) IN (x'01', x'C2'), COUNT(*), SUM(length(data)), SUM(size) FROM blob_chunks GROUP BY 1"),
            Count("blob-name keys", "SELECT substr(sealed, 3, 1) <> x'00' AND substr(sealed, 1, 1) IN (x'01', x'C2'), COUNT(*), SUM(length(sealed)), 0 FROM blob_keys GROUP BY 1"),
            // Before encryption the credential was base64 text.
            Count("md5 credentials", "SELECT typeof(md5_credential) = 'blob', COUNT(*), SUM(length(md5_credential)), 0 FROM users WHERE md5_credential IS NOT NULL GROUP BY 1"),
            Count("device DevInf", "SELECT substr(devinf, 1, 1) IN (x'01', x'C2') AND substr(devinf, 3, 1) <> x'00', COUNT(*), SUM(length(devinf)), 0 FROM devices WHERE devinf IS NOT NULL GROUP BY 1"),
            Count("SIP HA1s", "SELECT substr(ha1, 3, 1) <> x'00' AND substr(ha1, 1, 1) IN (x'01', x'C2'), COUNT(*), SUM(length(ha1)), 0 FROM sip_credentials GROUP BY 1"),
        ]);

    private PayloadCount Count(string place, string sql)
    {
        long encrypted = 0, clear = 0, stored = 0, content = 0;
        foreach (var (isEncrypted, n, bytes, size) in uow.Query(r => (r.GetInt64(0) != 0, r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), sql))
        {
            if (isEncrypted)
            {
                encrypted += n;
            }
            else
            {
                clear += n;
            }

            stored += bytes;
            content += size;
        }

        return new PayloadCount(place, encrypted, clear, stored, content);
    }

    private static WrappedDataKey Map(SqliteDataReader r) =>
        new((uint)r.GetInt64(0), r.GetInt64(1), r.Blob(2), r.GetString(3), r.Time(4));
}
