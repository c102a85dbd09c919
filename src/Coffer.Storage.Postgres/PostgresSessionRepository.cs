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
        var hash = SessionToken.Hash(token);
        var now = uow.Now;
        var expires = now + (long)lifetime.TotalMilliseconds;
        await uow.ExecuteAsync(
            "INSERT INTO sessions (token_hash, user_id, device_id, created, expires, state) VALUES ($1, $2, $3, $4, $5, $6)",
            cancellationToken,
            Arg(hash),
            Arg(userId),
            Arg(deviceId),
            Arg(now),
            Arg(expires),
            Arg(uow.Payloads.Encode(state, StateContext(userId, hash)))).ConfigureAwait(false);
        return new SessionRecord(token, userId, deviceId, DateTimeOffset.FromUnixTimeMilliseconds(now), DateTimeOffset.FromUnixTimeMilliseconds(expires), state);
    }

    public Task<SessionRecord?> GetAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = SessionToken.Hash(token);
        return uow.QuerySingleAsync(
            r => Map(token, hash, r),
            $"SELECT {Columns} FROM sessions WHERE token_hash = $1 AND expires > $2",
            cancellationToken,
            Arg(hash),
            Arg(uow.Now));
    }

    public async Task<bool> UpdateAsync(string token, long? userId, long? deviceId, byte[] state, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = uow.Now;
        var hash = SessionToken.Hash(token);
        return await uow.ExecuteAsync(
            "UPDATE sessions SET user_id = $1, device_id = $2, state = $3, expires = $4 WHERE token_hash = $5 AND expires > $6",
            cancellationToken,
            Arg(userId),
            Arg(deviceId),
            Arg(uow.Payloads.Encode(state, StateContext(userId, hash))),
            Arg(now + (long)lifetime.TotalMilliseconds),
            Arg(hash),
            Arg(now)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> DeleteAsync(string token, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("DELETE FROM sessions WHERE token_hash = $1", cancellationToken, Arg(SessionToken.Hash(token))).ConfigureAwait(false) == 1;

    public async Task PutReplyAsync(string token, string msgId, CachedReply reply, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(msgId);
        ArgumentNullException.ThrowIfNull(reply);

        // Refused for an unknown session before any statement fails: a failed statement would abort the whole
        // transaction, where SQLite's unit of work stays usable after the same refusal.
        var hash = SessionToken.Hash(token);
        var owner = await SessionUserAsync(hash, cancellationToken).ConfigureAwait(false) ?? throw new StorageException("cannot cache a reply for an unknown session");
        // Only the reply to the latest message can be asked for again (the client sends a new message only once it has
        // the last reply, OMA-TS-DS_Protocol-V1_2 §6.1): older ones would keep every byte a restore sent until expiry.
        await uow.ExecuteAsync("DELETE FROM session_replies WHERE token_hash = $1 AND msg_id <> $2", cancellationToken, Arg(hash), Arg(msgId)).ConfigureAwait(false);
        var written = await uow.ExecuteAsync(
            """
            INSERT INTO session_replies (token_hash, msg_id, content_type, body) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM sessions WHERE token_hash = $1)
            ON CONFLICT (token_hash, msg_id) DO UPDATE SET content_type = excluded.content_type, body = excluded.body
            """,
            cancellationToken,
            Arg(hash),
            Arg(msgId),
            Arg(reply.ContentType),
            Arg(uow.Payloads.Encode(reply.Content.Span, ReplyContext(owner.UserId, hash, msgId)))).ConfigureAwait(false);
        if (written == 0)
        {
            throw new StorageException("cannot cache a reply for an unknown session");
        }
    }

    public Task<CachedReply?> GetReplyAsync(string token, string msgId, CancellationToken cancellationToken = default)
    {
        var hash = SessionToken.Hash(token);
        return uow.QuerySingleAsync(
            r => new CachedReply(uow.Payloads.Decode(r.Bytes(1), ReplyContext(r.NullableInt64(2), hash, msgId)), r.GetString(0)),
            "SELECT r.content_type, r.body, s.user_id FROM session_replies r JOIN sessions s ON s.token_hash = r.token_hash WHERE r.token_hash = $1 AND r.msg_id = $2 AND s.expires > $3",
            cancellationToken,
            Arg(hash),
            Arg(msgId),
            Arg(uow.Now));
    }

    public async Task AppendChunkAsync(string token, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var hash = SessionToken.Hash(token);
        var owner = await SessionUserAsync(hash, cancellationToken).ConfigureAwait(false) ?? throw new StorageException("cannot keep a chunk for an unknown session");

        // The chunk's place is part of its encryption, so it is chosen before the row is written.
        var next = await uow.ScalarAsync("SELECT COALESCE(MAX(seq), 0) + 1 FROM session_chunks WHERE token_hash = $1", cancellationToken, Arg(hash)).ConfigureAwait(false) as long? ?? 1;
        var written = await uow.ExecuteAsync(
            "INSERT INTO session_chunks (token_hash, seq, data) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM sessions WHERE token_hash = $1) ON CONFLICT (token_hash, seq) DO NOTHING",
            cancellationToken,
            Arg(hash),
            Arg(next),
            Arg(uow.Payloads.Encode(data.Span, ChunkContext(owner.UserId, hash, next)))).ConfigureAwait(false);
        if (written == 0)
        {
            throw new StorageException("cannot keep a chunk for an unknown session");
        }
    }

    public async Task<byte[]> TakeChunksAsync(string token, CancellationToken cancellationToken = default)
    {
        // DELETE ... RETURNING hands the pieces back and removes them in one statement; sorted here (RETURNING has no order).
        var hash = SessionToken.Hash(token);
        var owner = await SessionUserAsync(hash, cancellationToken).ConfigureAwait(false);
        var parts = await uow.QueryAsync(
            r => (Seq: r.GetInt64(0), Data: uow.Payloads.Decode(r.Bytes(1), ChunkContext(owner?.UserId, hash, r.GetInt64(0)))),
            "DELETE FROM session_chunks WHERE token_hash = $1 RETURNING seq, data",
            cancellationToken,
            Arg(hash)).ConfigureAwait(false);
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

    // Session rows are bound to their token hash (and a reply to its MsgID, a chunk to its place), under the key of the
    // session's user, or the server's before one is known.
    private static PayloadContext StateContext(long? userId, byte[] hash) =>
        new(userId ?? PayloadContext.ServerScope, Convert.ToHexStringLower(hash), 0, PayloadKind.SessionState);

    private static PayloadContext ReplyContext(long? userId, byte[] hash, string msgId) =>
        new(userId ?? PayloadContext.ServerScope, Convert.ToHexStringLower(hash) + "/" + msgId, 0, PayloadKind.CachedReply);

    private static PayloadContext ChunkContext(long? userId, byte[] hash, long seq) =>
        new(userId ?? PayloadContext.ServerScope, Convert.ToHexStringLower(hash), seq, PayloadKind.SessionChunk);

    /// <summary>The session's user (inside: null before login), or null when there is no such session.</summary>
    private Task<SessionOwner?> SessionUserAsync(byte[] hash, CancellationToken cancellationToken) =>
        uow.QuerySingleAsync(r => new SessionOwner(r.NullableInt64(0)), "SELECT user_id FROM sessions WHERE token_hash = $1", cancellationToken, Arg(hash));

    private SessionRecord Map(string token, byte[] hash, NpgsqlDataReader r)
    {
        var userId = r.NullableInt64(0);
        return new(token, userId, r.NullableInt64(1), r.Time(2), r.Time(3), uow.Payloads.Decode(r.Bytes(4), StateContext(userId, hash)));
    }
}
