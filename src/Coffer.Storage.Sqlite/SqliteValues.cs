using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>Column conversions shared by the SQLite repositories (timestamps are Unix milliseconds, UTC).</summary>
internal static class SqliteValues
{
    public static DateTimeOffset Time(this SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? NullableTime(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static long? NullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? NullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static byte[]? NullableBytes(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.Blob(ordinal);

    public static byte[] Blob(this SqliteDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public static long? ToDb(this DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    public static long ToDb(this DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>Returns an already-completed task: SQLite calls are in-process and synchronous.</summary>
    public static Task<T> Run<T>(CancellationToken cancellationToken, Func<T> work)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(work());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
