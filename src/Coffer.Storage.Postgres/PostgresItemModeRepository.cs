using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresItemModeRepository(PostgresUnitOfWork uow) : IItemModeRepository
{
    public async Task<ItemModeState?> GetAsync(long datastoreId, string itemId, CancellationToken cancellationToken = default) =>
        !Guid.TryParse(itemId, out var id)
            ? null
            : await uow.QuerySingleAsync(
                r => new ItemModeState(ItemBackupModes.Parse(r.GetString(0)), r.NullableInt64(1)),
                "SELECT m.mode, m.base_version FROM item_modes m JOIN items i ON i.id = m.item_id WHERE m.item_id = $1 AND i.datastore_id = $2",
                cancellationToken,
                Arg(id),
                Arg(datastoreId)).ConfigureAwait(false);

    public async Task<bool> SetAsync(long datastoreId, string itemId, ItemModeState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!Guid.TryParse(itemId, out var id) || await uow.ScalarAsync("SELECT 1 FROM items WHERE id = $1 AND datastore_id = $2", cancellationToken, Arg(id), Arg(datastoreId)).ConfigureAwait(false) == null)
        {
            return false;
        }

        if (state.Mode == ItemBackupMode.Incremental)
        {
            await uow.ExecuteAsync("DELETE FROM item_modes WHERE item_id = $1", cancellationToken, Arg(id)).ConfigureAwait(false);
            return true;
        }

        await uow.ExecuteAsync(
            """
            INSERT INTO item_modes (item_id, mode, base_version) VALUES ($1, $2, $3)
            ON CONFLICT (item_id) DO UPDATE SET mode = excluded.mode, base_version = excluded.base_version
            """,
            cancellationToken,
            Arg(id),
            Arg(ItemBackupModes.Name(state.Mode)),
            Arg(state.BaseVersion)).ConfigureAwait(false);
        return true;
    }
}
