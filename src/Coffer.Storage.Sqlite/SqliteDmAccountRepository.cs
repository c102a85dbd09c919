using System.Text;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteDmAccountRepository(SqliteUnitOfWork uow) : IDmAccountRepository
{
    private const string Columns = "a.user_id, a.device_id, a.client_name, a.client_credential, a.server_secret, a.server_nonce, a.client_nonce, a.notified_session";

    public Task SetAsync(long userId, long deviceId, string clientName, string clientCredentialHash, string serverSecret, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute(
            """
            INSERT INTO dm_accounts (device_id, user_id, client_name, client_credential, server_secret, server_nonce, client_nonce)
            VALUES ($d, $u, $n, $c, $s, NULL, NULL)
            ON CONFLICT (device_id) DO UPDATE SET user_id = excluded.user_id, client_name = excluded.client_name,
                client_credential = excluded.client_credential, server_secret = excluded.server_secret, server_nonce = NULL, client_nonce = NULL, notified_session = NULL
            """,
            ("$d", deviceId),
            ("$u", userId),
            ("$n", clientName),
            ("$c", uow.Payloads.Encode(Encoding.UTF8.GetBytes(clientCredentialHash), DmCredentialContext.ClientCredential(userId, deviceId))),
            ("$s", uow.Payloads.Encode(Encoding.UTF8.GetBytes(serverSecret), DmCredentialContext.ServerSecret(userId, deviceId)))));

    public Task<DmAccount?> GetAsync(long deviceId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(Map, $"SELECT {Columns} FROM dm_accounts a WHERE a.device_id = $d", ("$d", deviceId)));

    public Task<DmAccount?> FindAsync(string clientName, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(
            Map,
            $"SELECT {Columns} FROM dm_accounts a JOIN users u ON u.id = a.user_id WHERE a.client_name = $n AND u.disabled = 0",
            ("$n", clientName)));

    public Task<bool> ReplaceServerNonceAsync(long deviceId, string? expected, string next, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute(
            "UPDATE dm_accounts SET server_nonce = $next WHERE device_id = $d AND server_nonce IS $expected",
            ("$next", next),
            ("$d", deviceId),
            ("$expected", expected)) == 1);

    public Task SetNotifiedSessionAsync(long deviceId, int? sessionId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("UPDATE dm_accounts SET notified_session = $s WHERE device_id = $d", ("$s", sessionId), ("$d", deviceId)));

    public Task SetClientNonceAsync(long deviceId, string? nonce, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("UPDATE dm_accounts SET client_nonce = $n WHERE device_id = $d", ("$n", nonce), ("$d", deviceId)));

    private DmAccount Map(SqliteDataReader r)
    {
        var userId = r.GetInt64(0);
        var deviceId = r.GetInt64(1);
        return new DmAccount(
            userId,
            deviceId,
            r.GetString(2),
            Encoding.UTF8.GetString(uow.Payloads.Decode(r.Blob(3), DmCredentialContext.ClientCredential(userId, deviceId))),
            Encoding.UTF8.GetString(uow.Payloads.Decode(r.Blob(4), DmCredentialContext.ServerSecret(userId, deviceId))),
            r.NullableString(5),
            r.NullableString(6))
        {
            NotifiedSession = r.IsDBNull(7) ? null : r.GetInt32(7),
        };
    }
}
