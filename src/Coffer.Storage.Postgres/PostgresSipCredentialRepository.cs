using System.Text;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresSipCredentialRepository(PostgresUnitOfWork uow) : ISipCredentialRepository
{
    public async Task SetAsync(long userId, SipDigestCredential? credential, CancellationToken cancellationToken = default)
    {
        await uow.ExecuteAsync("DELETE FROM sip_credentials WHERE user_id = $1", cancellationToken, Arg(userId)).ConfigureAwait(false);
        if (credential is null)
        {
            return;
        }

        foreach (var (algorithm, ha1) in new[] { (SipDigestCredential.Md5, credential.Md5Ha1), (SipDigestCredential.Sha256, credential.Sha256Ha1) })
        {
            await uow.ExecuteAsync(
                "INSERT INTO sip_credentials (user_id, algorithm, realm, ha1) VALUES ($1, $2, $3, $4)",
                cancellationToken,
                Arg(userId),
                Arg(algorithm),
                Arg(credential.Realm),
                Arg(uow.Payloads.Encode(Encoding.ASCII.GetBytes(ha1), SipCredentialContext.For(userId, algorithm)))).ConfigureAwait(false);
        }
    }

    public Task<SipDigestAccount?> FindAsync(string userName, string realm, string algorithm, CancellationToken cancellationToken = default)
    {
        var key = SipCredentialContext.Algorithm(algorithm);
        if (key is null)
        {
            return Task.FromResult<SipDigestAccount?>(null);
        }

        return uow.QuerySingleAsync(
            r => new SipDigestAccount(r.GetInt64(0), r.GetString(1), Encoding.ASCII.GetString(uow.Payloads.Decode(r.Bytes(2), SipCredentialContext.For(r.GetInt64(0), key)))),
            """
            SELECT u.id, u.name, c.ha1 FROM users u JOIN sip_credentials c ON c.user_id = u.id
            WHERE u.name_key = $1 AND NOT u.disabled AND c.algorithm = $2 AND c.realm = $3
            """,
            cancellationToken,
            Arg(UserNameKey.Of(userName)),
            Arg(key),
            Arg(realm));
    }
}
