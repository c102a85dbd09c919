using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresWebKeyRepository(PostgresUnitOfWork uow) : IWebKeyRepository
{
    public async Task<IReadOnlyList<WebKeyDocument>> ListAsync(CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(r => new WebKeyDocument(r.GetString(0), r.GetString(1)), "SELECT name, xml FROM web_keys ORDER BY id", cancellationToken).ConfigureAwait(false);

    public Task AddAsync(string name, string xml, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(xml);
        return uow.ExecuteAsync("INSERT INTO web_keys (name, xml, created) VALUES ($1, $2, $3)", cancellationToken, Arg(name), Arg(xml), Arg(uow.Now));
    }
}
