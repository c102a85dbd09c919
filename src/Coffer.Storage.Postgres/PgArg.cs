using Npgsql;
using NpgsqlTypes;

namespace Coffer.Storage.Postgres;

/// <summary>
/// Positional parameters ($1, $2...) with their PostgreSQL type always set, also for nulls: an automatically prepared
/// statement is reused only while its parameter types stay the same, and an untyped null would make a second plan.
/// </summary>
internal static class PgArg
{
    public static NpgsqlParameter Arg(long value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Bigint };

    public static NpgsqlParameter Arg(long? value) => new() { Value = value.HasValue ? value.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    public static NpgsqlParameter Arg(int value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Integer };

    public static NpgsqlParameter Arg(bool value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Boolean };

    public static NpgsqlParameter Arg(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter Arg(byte[]? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea };

    public static NpgsqlParameter Arg(Guid value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Uuid };

    public static NpgsqlParameter Arg(Guid[] value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    public static NpgsqlParameter Arg(byte[][] value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea };

    public static NpgsqlParameter Arg(string[] value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
