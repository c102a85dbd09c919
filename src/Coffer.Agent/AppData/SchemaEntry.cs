namespace Coffer.Agent.AppData;

/// <summary>One row of a database's <c>sqlite_schema</c>: a table, index, trigger or view and its SQL (null for automatic indexes).</summary>
public sealed record SchemaEntry(string Type, string Name, string Table, string? Sql)
{
    public bool IsTable => Type == "table";

    /// <summary>SQLite's own objects (<c>sqlite_sequence</c>, <c>sqlite_stat1</c>, automatic indexes).</summary>
    public bool IsInternal => Name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase);

    /// <summary>The agent's change register and its triggers (<see cref="ChangeRegister"/>).</summary>
    public bool IsRegister => Name.StartsWith(ChangeRegister.Prefix, StringComparison.Ordinal);

    public bool IsVirtual => Sql != null && Sql.StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase);

    public bool IsWithoutRowid => IsTable && Sql != null && System.Text.RegularExpressions.Regex.IsMatch(Sql, @"\)\s*(STRICT\s*,\s*)?WITHOUT\s+ROWID(\s*,\s*STRICT)?\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
