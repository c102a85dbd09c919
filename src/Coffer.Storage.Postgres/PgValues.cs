using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>Column conversions shared by the PostgreSQL repositories (timestamps are Unix milliseconds, UTC, as in SQLite).</summary>
internal static class PgValues
{
    public static DateTimeOffset Time(this NpgsqlDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? NullableTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static long? NullableInt64(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static byte[]? NullableBytes(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);

    public static byte[] Bytes(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    /// <summary>Item ids are uuid columns; the contract's form is the lowercase "D" string.</summary>
    public static string ItemId(this NpgsqlDataReader reader, int ordinal) => reader.GetGuid(ordinal).ToString("D");

    public static long? ToDb(this DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();
}
