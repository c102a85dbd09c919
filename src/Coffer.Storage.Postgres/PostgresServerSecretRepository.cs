using System.Security.Cryptography;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresServerSecretRepository(PostgresUnitOfWork uow) : IServerSecretRepository
{
    public async Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 16);

        // Two servers creating it at once: the second insert waits for the first and then does nothing, and both read
        // the first one's value.
        await uow.ExecuteAsync(
            "INSERT INTO server_secrets (name, value, created) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
            cancellationToken,
            Arg(name),
            Arg(RandomNumberGenerator.GetBytes(length)),
            Arg(uow.Now)).ConfigureAwait(false);
        return (byte[])(await uow.ScalarAsync("SELECT value FROM server_secrets WHERE name = $1", cancellationToken, Arg(name)).ConfigureAwait(false))!;
    }
}
