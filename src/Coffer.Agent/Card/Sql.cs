using Microsoft.Data.Sqlite;

namespace Coffer.Agent.Card;

/// <summary>The few ways the card's classes run SQL: a statement, a number, rows, a transaction.</summary>
internal static class Sql
{
    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE: another host writing the card waits, it
    /// never interleaves its changes with ours).
    /// </summary>
    public static T InTransaction<T>(SqliteConnection connection, Func<T> work)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            var result = work();
            Execute(connection, "COMMIT");
            return result;
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    public static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar() is long n ? n : 0;
    }

    public static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> row, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
