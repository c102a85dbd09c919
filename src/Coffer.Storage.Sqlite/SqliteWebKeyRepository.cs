namespace Coffer.Storage.Sqlite;

internal sealed class SqliteWebKeyRepository(SqliteUnitOfWork uow) : IWebKeyRepository
{
    public Task<IReadOnlyList<WebKeyDocument>> ListAsync(CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<WebKeyDocument>>(cancellationToken, () =>
            uow.Query(r => new WebKeyDocument(r.GetString(0), r.GetString(1)), "SELECT name, xml FROM web_keys ORDER BY id"));

    public Task AddAsync(string name, string xml, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(xml);
            return uow.Execute("INSERT INTO web_keys (name, xml, created) VALUES ($n, $x, $now)", ("$n", name), ("$x", xml), ("$now", uow.Now));
        });
}
