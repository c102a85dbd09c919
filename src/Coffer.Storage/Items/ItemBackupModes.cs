namespace Coffer.Storage;

/// <summary>The stored names of <see cref="ItemBackupMode"/> (the <c>item_modes.mode</c> column).</summary>
public static class ItemBackupModes
{
    public static string Name(ItemBackupMode mode) => mode switch
    {
        ItemBackupMode.Differential => "differential",
        ItemBackupMode.History => "history",
        _ => "incremental",
    };

    public static ItemBackupMode Parse(string name) => name switch
    {
        "differential" => ItemBackupMode.Differential,
        "history" => ItemBackupMode.History,
        _ => ItemBackupMode.Incremental,
    };
}
