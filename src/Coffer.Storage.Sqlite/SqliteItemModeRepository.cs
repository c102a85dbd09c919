namespace Coffer.Storage.Sqlite;

internal sealed class SqliteItemModeRepository(SqliteUnitOfWork uow) : IItemModeRepository
{
    public Task<ItemModeState?> GetAsync(long datastoreId, string itemId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => Id(itemId) is not { } id
            ? null
            : uow.QuerySingle(
                r => new ItemModeState(ItemBackupModes.Parse(r.GetString(0)), r.NullableInt64(1)),
                "SELECT m.mode, m.base_version FROM item_modes m JOIN items i ON i.id = m.item_id WHERE m.item_id = $id AND i.datastore_id = $ds",
                ("$id", id),
                ("$ds", datastoreId)));

    public Task<bool> SetAsync(long datastoreId, string itemId, ItemModeState state, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(state);
            if (Id(itemId) is not { } id || uow.Scalar("SELECT 1 FROM items WHERE id = $id AND datastore_id = $ds", ("$id", id), ("$ds", datastoreId)) == null)
            {
                return false;
            }

            if (state.Mode == ItemBackupMode.Incremental)
            {
                uow.Execute("DELETE FROM item_modes WHERE item_id = $id", ("$id", id));
                return true;
            }

            uow.Execute(
                """
                INSERT INTO item_modes (item_id, mode, base_version) VALUES ($id, $mode, $base)
                ON CONFLICT (item_id) DO UPDATE SET mode = excluded.mode, base_version = excluded.base_version
                """,
                ("$id", id),
                ("$mode", ItemBackupModes.Name(state.Mode)),
                ("$base", state.BaseVersion));
            return true;
        });

    /// <summary>Server ids are stored as lowercase "D" GUIDs.</summary>
    private static string? Id(string itemId) => Guid.TryParse(itemId, out var guid) ? guid.ToString("D") : null;
}
