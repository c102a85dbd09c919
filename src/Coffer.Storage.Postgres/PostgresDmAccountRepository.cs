using System.Text;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresDmAccountRepository(PostgresUnitOfWork uow) : IDmAccountRepository
{
    private const string Columns = "a.user_id, a.device_id, a.client_name, a.client_credential, a.server_secret, a.server_nonce, a.client_nonce, a.notified_session";

    public async Task SetAsync(long userId, long deviceId, string clientName, string clientCredentialHash, string serverSecret, CancellationToken cancellationToken = default)
    {
        // Sealed before the statement runs: the payload pipeline may read the user's data key.
        var credential = uow.Payloads.Encode(Encoding.UTF8.GetBytes(clientCredentialHash), DmCredentialContext.ClientCredential(userId, deviceId));
        var secret = uow.Payloads.Encode(Encoding.UTF8.GetBytes(serverSecret), DmCredentialContext.ServerSecret(userId, deviceId));
        await uow.ExecuteAsync(
            """
            INSERT INTO dm_accounts (device_id, user_id, client_name, client_credential, server_secret, server_nonce, client_nonce)
            VALUES ($1, $2, $3, $4, $5, NULL, NULL)
            ON CONFLICT (device_id) DO UPDATE SET user_id = excluded.user_id, client_name = excluded.client_name,
                client_credential = excluded.client_credential, server_secret = excluded.server_secret, server_nonce = NULL, client_nonce = NULL, notified_session = NULL
            """,
            cancellationToken,
            Arg(deviceId),
            Arg(userId),
            Arg(clientName),
            Arg(credential),
            Arg(secret)).ConfigureAwait(false);
    }

    public Task<DmAccount?> GetAsync(long deviceId, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM dm_accounts a WHERE a.device_id = $1", cancellationToken, Arg(deviceId));

    public Task<DmAccount?> FindAsync(string clientName, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM dm_accounts a JOIN users u ON u.id = a.user_id WHERE a.client_name = $1 AND NOT u.disabled", cancellationToken, Arg(clientName));

    public async Task<bool> ReplaceServerNonceAsync(long deviceId, string? expected, string next, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync(
            "UPDATE dm_accounts SET server_nonce = $1 WHERE device_id = $2 AND server_nonce IS NOT DISTINCT FROM $3",
            cancellationToken,
            Arg(next),
            Arg(deviceId),
            Arg(expected)).ConfigureAwait(false) == 1;

    public async Task SetNotifiedSessionAsync(long deviceId, int? sessionId, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("UPDATE dm_accounts SET notified_session = $1 WHERE device_id = $2", cancellationToken, Arg((long?)sessionId), Arg(deviceId)).ConfigureAwait(false);

    public async Task SetClientNonceAsync(long deviceId, string? nonce, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("UPDATE dm_accounts SET client_nonce = $1 WHERE device_id = $2", cancellationToken, Arg(nonce), Arg(deviceId)).ConfigureAwait(false);

    private async Task<DmAccount?> ReadAsync(string sql, CancellationToken cancellationToken, Npgsql.NpgsqlParameter arg)
    {
        var rows = await uow.QueryAsync(
            r => (User: r.GetInt64(0), Device: r.GetInt64(1), Name: r.GetString(2), Credential: r.Bytes(3), Secret: r.Bytes(4), ServerNonce: r.NullableString(5), ClientNonce: r.NullableString(6), Notified: r.IsDBNull(7) ? (int?)null : r.GetInt32(7)),
            sql,
            cancellationToken,
            arg).ConfigureAwait(false);
        if (rows is not [var row])
        {
            return null;
        }

        // Opened after the reader is closed: the payload pipeline may query the user's data key.
        return new DmAccount(
            row.User,
            row.Device,
            row.Name,
            Encoding.UTF8.GetString(uow.Payloads.Decode(row.Credential, DmCredentialContext.ClientCredential(row.User, row.Device))),
            Encoding.UTF8.GetString(uow.Payloads.Decode(row.Secret, DmCredentialContext.ServerSecret(row.User, row.Device))),
            row.ServerNonce,
            row.ClientNonce)
        {
            NotifiedSession = row.Notified,
        };
    }
}
