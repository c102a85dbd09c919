using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresSessionRepository(PostgresUnitOfWork uow) : ISessionRepository
{
    private const string Columns = "user_id, device_id, created, expires, state";

    public async Task<SessionRecord> CreateAsync(long? userId, long? deviceId, byte[] state, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var token = SessionToken.New();
        var now = uow.Now;
        var expires = now + (long)lifetime.TotalMilliseconds;
        await uow.ExecuteAsync(
            "INSERT INTO sessions (token_hash, user_id, device_id, created, expires, state) VALUES ($1, $2, $3, $4, $5, $6)",
            cancellationToken,
            Arg(SessionToken.Hash(token)),
            Arg(userId),
            Arg(deviceId),
            Arg(now),
            Arg(expires),
            Arg(state)).ConfigureAwait(false);
        return new SessionRecord(token, userId, deviceId, DateTimeOffset.FromUnixTimeMilliseconds(now), DateTimeOffset.FromUnixTimeMilliseconds(expires), state);
    }

    public Task<SessionRecord?> GetAsync(string token, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(
            r => Map(token, r),
            $"SELECT {Columns} FROM sessions WHERE token_hash = $1 AND expires > $2",
            cancellationToken,
            Arg(SessionToken.Hash(token)),
            Arg(uow.Now));

    public async Task<bool> UpdateAsync(string token, long? userId, long? deviceId, byte[] state, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = uow.Now;
        return await uow.ExecuteAsync(
            "UPDATE sessions SET user_id = $1, device_id = $2, state = $3, expires = $4 WHERE token_hash = $5 AND expires > $6",
            cancellationToken,
            Arg(userId),
            Arg(deviceId),
            Arg(state),
            Arg(now + (long)lifetime.TotalMilliseconds),
            Arg(SessionToken.Hash(token)),
            Arg(now)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> DeleteAsync(string token, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("DELETE FROM sessions WHERE token_hash = $1", cancellationToken, Arg(SessionToken.Hash(token))).ConfigureAwait(false) == 1;

    public async Task PutReplyAsync(string token, string msgId, CachedReply reply, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(msgId);
        ArgumentNullException.ThrowIfNull(reply);

        // Inserting only where the session exists, instead of meeting the foreign key: a failed statement would abort
        // the whole transaction, where SQLite's unit of work stays usable after the same refusal.
        var written = await uow.ExecuteAsync(
            """
            INSERT INTO session_replies (token_hash, msg_id, content_type, body) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM sessions WHERE token_hash = $1)
            ON CONFLICT (token_hash, msg_id) DO UPDATE SET content_type = excluded.content_type, body = excluded.body
            """,
            cancellationToken,
            Arg(SessionToken.Hash(token)),
            Arg(msgId),
            Arg(reply.ContentType),
            Arg(reply.Body)).ConfigureAwait(false);
        if (written == 0)
        {
            throw new StorageException("cannot cache a reply for an unknown session");
        }
    }

    public Task<CachedReply?> GetReplyAsync(string token, string msgId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(
            r => new CachedReply(r.Bytes(1), r.GetString(0)),
            "SELECT r.content_type, r.body FROM session_replies r JOIN sessions s ON s.token_hash = r.token_hash WHERE r.token_hash = $1 AND r.msg_id = $2 AND s.expires > $3",
            cancellationToken,
            Arg(SessionToken.Hash(token)),
            Arg(msgId),
            Arg(uow.Now));

    public async Task AppendChunkAsync(string token, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var written = await uow.ExecuteAsync(
            "INSERT INTO session_chunks (token_hash, seq, data) SELECT $1, COALESCE((SELECT MAX(seq) FROM session_chunks WHERE token_hash = $1), 0) + 1, $2 WHERE EXISTS (SELECT 1 FROM sessions WHERE token_hash = $1)",
            cancellationToken,
            Arg(SessionToken.Hash(token)),
            Arg(data.ToArray())).ConfigureAwait(false);
        if (written == 0)
        {
            throw new StorageException("cannot keep a chunk for an unknown session");
        }
    }

    public async Task<byte[]> TakeChunksAsync(string token, CancellationToken cancellationToken = default)
    {
        // DELETE ... RETURNING hands the pieces back and removes them in one statement; sorted here (RETURNING has no order).
        var parts = await uow.QueryAsync(
            r => (Seq: r.GetInt64(0), Data: r.Bytes(1)),
            "DELETE FROM session_chunks WHERE token_hash = $1 RETURNING seq, data",
            cancellationToken,
            Arg(SessionToken.Hash(token))).ConfigureAwait(false);
        parts.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        var joined = new byte[parts.Sum(p => (long)p.Data.Length)];
        var at = 0;
        foreach (var (_, part) in parts)
        {
            part.CopyTo(joined, at);
            at += part.Length;
        }

        return joined;
    }

    public Task DeleteChunksAsync(string token, CancellationToken cancellationToken = default) =>
        uow.ExecuteAsync("DELETE FROM session_chunks WHERE token_hash = $1", cancellationToken, Arg(SessionToken.Hash(token)));

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default) =>
        uow.ExecuteAsync("DELETE FROM sessions WHERE expires <= $1", cancellationToken, Arg(uow.Now));

    private static SessionRecord Map(string token, NpgsqlDataReader r) =>
        new(token, r.NullableInt64(0), r.NullableInt64(1), r.Time(2), r.Time(3), r.Bytes(4));
}
