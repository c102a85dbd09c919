using System.Security.Cryptography;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteServerSecretRepository(SqliteUnitOfWork uow) : IServerSecretRepository
{
    public Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentOutOfRangeException.ThrowIfLessThan(length, 16);
            uow.Execute(
                "INSERT INTO server_secrets (name, value, created) VALUES ($n, $v, $now) ON CONFLICT (name) DO NOTHING",
                ("$n", name),
                ("$v", RandomNumberGenerator.GetBytes(length)),
                ("$now", uow.Now));
            return (byte[])uow.Scalar("SELECT value FROM server_secrets WHERE name = $n", ("$n", name))!;
        });
}
