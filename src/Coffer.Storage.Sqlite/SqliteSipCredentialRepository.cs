using System.Text;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteSipCredentialRepository(SqliteUnitOfWork uow) : ISipCredentialRepository
{
    public Task SetAsync(long userId, SipDigestCredential? credential, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            uow.Execute("DELETE FROM sip_credentials WHERE user_id = $id", ("$id", userId));
            if (credential is null)
            {
                return 0;
            }

            foreach (var (algorithm, ha1) in new[] { (SipDigestCredential.Md5, credential.Md5Ha1), (SipDigestCredential.Sha256, credential.Sha256Ha1) })
            {
                uow.Execute(
                    "INSERT INTO sip_credentials (user_id, algorithm, realm, ha1) VALUES ($id, $alg, $realm, $ha1)",
                    ("$id", userId),
                    ("$alg", algorithm),
                    ("$realm", credential.Realm),
                    ("$ha1", uow.Payloads.Encode(Encoding.ASCII.GetBytes(ha1), SipCredentialContext.For(userId, algorithm))));
            }

            return 2;
        });

    public Task<SipDigestAccount?> FindAsync(string userName, string realm, string algorithm, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var key = SipCredentialContext.Algorithm(algorithm);
            if (key is null)
            {
                return null;
            }

            return uow.QuerySingle(
                r => new SipDigestAccount(r.GetInt64(0), r.GetString(1), Encoding.ASCII.GetString(uow.Payloads.Decode(r.Blob(2), SipCredentialContext.For(r.GetInt64(0), key)))),
                """
                SELECT u.id, u.name, c.ha1 FROM users u JOIN sip_credentials c ON c.user_id = u.id
                WHERE u.name_key = $key AND u.disabled = 0 AND c.algorithm = $alg AND c.realm = $realm
                """,
                ("$key", UserNameKey.Of(userName)),
                ("$alg", key),
                ("$realm", realm));
        });
}
