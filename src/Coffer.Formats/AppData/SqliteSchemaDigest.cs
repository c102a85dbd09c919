using System.Security.Cryptography;
using System.Text;

namespace Coffer.Formats.AppData;

/// <summary>
/// SHA-256 over a database's schema, the rows of <c>sqlite_schema</c> (type, name, table, SQL) in their order:
/// both sides compute it the same way, so the server knows its copy's schema is the device's before it applies rows.
/// </summary>
public static class SqliteSchemaDigest
{
    public static byte[] Of(IEnumerable<(string Type, string Name, string Table, string? Sql)> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var text = new StringBuilder();
        foreach (var (type, name, table, sql) in schema)
        {
            text.Append(type).Append('\0').Append(name).Append('\0').Append(table).Append('\0').Append(sql ?? string.Empty).Append('\n');
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
