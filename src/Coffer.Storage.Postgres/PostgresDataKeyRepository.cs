using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

/// <summary>
/// The data keys (table data_keys). The <see cref="IDataKeyLookup"/> half is synchronous, as the payload pipeline needs
/// it inside repository calls. <see cref="Find"/> reads on a connection of its own: a payload is decoded while the
/// unit of work's reader is still open, and a key named by a payload this transaction sees is committed (keys this unit
/// of work created are the protector's own and never looked up).
/// </summary>
internal sealed class PostgresDataKeyRepository(PostgresUnitOfWork uow) : IDataKeyRepository, IDataKeyLookup
{
    private const string Columns = "id, user_id, wrapped, master_key_id, created";

    public WrappedDataKey? Find(uint keyId)
    {
        using var connection = uow.Store.OpenConnection();
        using var command = new NpgsqlCommand($"SELECT {Columns} FROM data_keys WHERE id = $1", connection);
        command.Parameters.Add(Arg((long)keyId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Map(reader) : null;
    }

    public WrappedDataKey? FindCurrent(long userId) =>
        uow.QuerySingle(Map, $"SELECT {Columns} FROM data_keys WHERE user_id = $1 ORDER BY id DESC LIMIT 1", Arg(userId));

    public string? MasterKeyIdInUse() => uow.Scalar("SELECT master_key_id FROM data_keys LIMIT 1") as string;

    public WrappedDataKey Create(long userId, string masterKeyId, Func<uint, byte[]> wrap)
    {
        ArgumentNullException.ThrowIfNull(wrap);
        var now = uow.Now;
        // The id is part of the wrapping's associated data, so the row comes first and gets its wrapped key after.
        var id = (long)uow.Scalar(
            "INSERT INTO data_keys (user_id, wrapped, master_key_id, created) VALUES ($1, '\\x'::bytea, $2, $3) RETURNING id",
            Arg(userId),
            Arg(masterKeyId),
            Arg(now))!;
        if (id > uint.MaxValue)
        {
            throw new StorageException($"data key id {id} does not fit the payload header");
        }

        var wrapped = wrap((uint)id);
        uow.Execute("UPDATE data_keys SET wrapped = $1 WHERE id = $2", Arg(wrapped), Arg(id));
        return new WrappedDataKey((uint)id, userId, wrapped, masterKeyId, DateTimeOffset.FromUnixTimeMilliseconds(now));
    }

    public async Task<IReadOnlyList<WrappedDataKey>> ListAsync(CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM data_keys ORDER BY id", cancellationToken).ConfigureAwait(false);

    public async Task<bool> RewrapAsync(uint keyId, byte[] wrapped, string masterKeyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        ArgumentException.ThrowIfNullOrEmpty(masterKeyId);
        return await uow.ExecuteAsync(
            "UPDATE data_keys SET wrapped = $1, master_key_id = $2 WHERE id = $3",
            cancellationToken,
            Arg(wrapped),
            Arg(masterKeyId),
            Arg((long)keyId)).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<PayloadCount>> CountPayloadsAsync(CancellationToken cancellationToken = default) =>
    [
        // Byte 3 of a payload (get_byte offset 2) is its cipher; byte 1 its layout (PayloadHeader: 1 fixed, 0xC2 = 194 compact).
        await CountAsync("item versions", "SELECT get_byte(payload, 2) <> 0, COUNT(*), SUM(length(payload)), SUM(size) FROM item_versions WHERE payload IS NOT NULL GROUP BY 1", cancellationToken).ConfigureAwait(false),
        await CountAsync("session states", "SELECT " + Sealed("state") + ", COUNT(*), SUM(length(state)), 0 FROM sessions GROUP BY 1", cancellationToken).ConfigureAwait(false),
        await CountAsync("cached replies", "SELECT " + Sealed("body") + ", COUNT(*), SUM(length(body)), 0 FROM session_replies GROUP BY 1", cancellationToken).ConfigureAwait(false),
        await CountAsync("session chunks", "SELECT " + Sealed("data") + ", COUNT(*), SUM(length(data)), 0 FROM session_chunks GROUP BY 1", cancellationToken).ConfigureAwait(false),
        await CountAsync("blob chunks", "SELECT " + Sealed("data") + ", COUNT(*), SUM(length(data)), SUM(size) FROM blob_chunks GROUP BY 1", cancellationToken).ConfigureAwait(false),
        await CountAsync("blob-name keys", "SELECT " + Sealed("sealed") + ", COUNT(*), SUM(length(sealed)), 0 FROM blob_keys GROUP BY 1", cancellationToken).ConfigureAwait(false),
        await CountAsync("md5 credentials", "SELECT " + Sealed("md5_credential") + ", COUNT(*), SUM(length(md5_credential)), 0 FROM users WHERE md5_credential IS NOT NULL GROUP BY 1", cancellationToken).ConfigureAwait(false),
        await CountAsync("device DevInf", "SELECT " + Sealed("devinf") + ", COUNT(*), SUM(length(devinf)), 0 FROM devices WHERE devinf IS NOT NULL GROUP BY 1", cancellationToken).ConfigureAwait(false),
        await CountAsync("SIP HA1s", "SELECT " + Sealed("ha1") + ", COUNT(*), SUM(length(ha1)), 0 FROM sip_credentials GROUP BY 1", cancellationToken).ConfigureAwait(false),
    ];

    /// <summary>True for a blob in the header format (PayloadProtector.IsEncrypted) with a cipher; get_byte fails past the end.</summary>
    private static string Sealed(string column) =>
        $"(length({column}) >= 3 AND get_byte({column}, 0) IN (1, 194) AND get_byte({column}, 2) <> 0)";

    private async Task<PayloadCount> CountAsync(string place, string sql, CancellationToken cancellationToken)
    {
        long encrypted = 0, clear = 0, stored = 0, content = 0;
        var rows = await uow.QueryAsync(r => (r.GetBoolean(0), r.GetInt64(1), r.IsDBNull(2) ? 0 : Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), r.IsDBNull(3) ? 0 : Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)), sql, cancellationToken).ConfigureAwait(false);
        foreach (var (isEncrypted, n, bytes, size) in rows)
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

    private static WrappedDataKey Map(NpgsqlDataReader r) =>
        new((uint)r.GetInt64(0), r.GetInt64(1), r.Bytes(2), r.GetString(3), r.Time(4));
}
