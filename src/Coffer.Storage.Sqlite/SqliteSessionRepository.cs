using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteSessionRepository(SqliteUnitOfWork uow) : ISessionRepository
{
    private const string Columns = "user_id, device_id, created, expires, state";

    public Task<SessionRecord> CreateAsync(long? userId, long? deviceId, byte[] state, TimeSpan lifetime, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(state);
            var token = NewToken();
            var hash = Hash(token);
            var now = uow.Now;
            uow.Execute(
                "INSERT INTO sessions (token_hash, user_id, device_id, created, expires, state) VALUES ($h, $u, $d, $now, $exp, $state)",
                ("$h", hash),
                ("$u", userId),
                ("$d", deviceId),
                ("$now", now),
                ("$exp", now + (long)lifetime.TotalMilliseconds),
                ("$state", uow.Payloads.Encode(state, StateContext(userId, hash))));
            return new SessionRecord(token, userId, deviceId, DateTimeOffset.FromUnixTimeMilliseconds(now), DateTimeOffset.FromUnixTimeMilliseconds(now + (long)lifetime.TotalMilliseconds), state);
        });

    public Task<SessionRecord?> GetAsync(string token, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var hash = Hash(token);
            return uow.QuerySingle(
                r => Map(token, hash, r),
                $"SELECT {Columns} FROM sessions WHERE token_hash = $h AND expires > $now",
                ("$h", hash),
                ("$now", uow.Now));
        });

    public Task<bool> UpdateAsync(string token, long? userId, long? deviceId, byte[] state, TimeSpan lifetime, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(state);
            var now = uow.Now;
            var hash = Hash(token);
            return uow.Execute(
                "UPDATE sessions SET user_id = $u, device_id = $d, state = $state, expires = $exp WHERE token_hash = $h AND expires > $now",
                ("$u", userId),
                ("$d", deviceId),
                ("$state", uow.Payloads.Encode(state, StateContext(userId, hash))),
                ("$exp", now + (long)lifetime.TotalMilliseconds),
                ("$h", hash),
                ("$now", now)) == 1;
        });

    public Task<bool> DeleteAsync(string token, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM sessions WHERE token_hash = $h", ("$h", Hash(token))) == 1);

    public Task PutReplyAsync(string token, string msgId, CachedReply reply, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(msgId);
            ArgumentNullException.ThrowIfNull(reply);
            var hash = Hash(token);
            var owner = SessionUser(hash) ?? throw new StorageException("cannot cache a reply for an unknown session");
            try
            {
                // Only the reply to the latest message can be asked for again (the client sends a new message only
                // once it has the last reply, OMA-TS-DS_Protocol-V1_2 §6.1): older ones would keep every byte a
                // restore sent in the database until the session expires.
                uow.Execute("DELETE FROM session_replies WHERE token_hash = $h AND msg_id <> $m", ("$h", hash), ("$m", msgId));
                return uow.Execute(
                    "INSERT INTO session_replies (token_hash, msg_id, content_type, body) VALUES ($h, $m, $ct, $body) ON CONFLICT (token_hash, msg_id) DO UPDATE SET content_type = excluded.content_type, body = excluded.body",
                    ("$h", hash),
                    ("$m", msgId),
                    ("$ct", reply.ContentType),
                    ("$body", uow.Payloads.Encode(reply.Content.Span, ReplyContext(owner.UserId, hash, msgId))));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                // SQLITE_CONSTRAINT: the foreign key found no session.
                throw new StorageException("cannot cache a reply for an unknown session", e);
            }
        });

    public Task<CachedReply?> GetReplyAsync(string token, string msgId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var hash = Hash(token);
            return uow.QuerySingle(
                r => new CachedReply(uow.Payloads.Decode(r.Blob(1), ReplyContext(r.NullableInt64(2), hash, msgId)), r.GetString(0)),
                "SELECT r.content_type, r.body, s.user_id FROM session_replies r JOIN sessions s ON s.token_hash = r.token_hash WHERE r.token_hash = $h AND r.msg_id = $m AND s.expires > $now",
                ("$h", hash),
                ("$m", msgId),
                ("$now", uow.Now));
        });

    public Task AppendChunkAsync(string token, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var hash = Hash(token);
            var owner = SessionUser(hash) ?? throw new StorageException("cannot keep a chunk for an unknown session");
            var next = uow.Scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM session_chunks WHERE token_hash = $h", ("$h", hash)) as long? ?? 1;
            try
            {
                uow.Execute("INSERT INTO session_chunks (token_hash, seq, data) VALUES ($h, $s, $d)", ("$h", hash), ("$s", next), ("$d", uow.Payloads.Encode(data.Span, ChunkContext(owner.UserId, hash, next))));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                throw new StorageException("cannot keep a chunk for an unknown session", e);
            }

            return 0;
        });

    public Task<byte[]> TakeChunksAsync(string token, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var hash = Hash(token);
            var parts = uow.Query(
                r => uow.Payloads.Decode(r.Blob(1), ChunkContext(r.NullableInt64(2), hash, r.GetInt64(0))),
                "SELECT c.seq, c.data, s.user_id FROM session_chunks c JOIN sessions s ON s.token_hash = c.token_hash WHERE c.token_hash = $h ORDER BY c.seq",
                ("$h", hash));
            uow.Execute("DELETE FROM session_chunks WHERE token_hash = $h", ("$h", hash));
            var joined = new byte[parts.Sum(p => (long)p.Length)];
            var at = 0;
            foreach (var part in parts)
            {
                part.CopyTo(joined, at);
                at += part.Length;
            }

            return joined;
        });

    public Task DeleteChunksAsync(string token, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM session_chunks WHERE token_hash = $h", ("$h", Hash(token))));

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM sessions WHERE expires <= $now", ("$now", uow.Now)));

    internal static string NewToken() => SessionToken.New();

    private static byte[] Hash(string token) => SessionToken.Hash(token);

    // Session rows are bound to their token hash (and a reply to its MsgID, a chunk to its place), under the key of the
    // session's user, or the server's before one is known.
    private static PayloadContext StateContext(long? userId, byte[] hash) =>
        new(userId ?? PayloadContext.ServerScope, Convert.ToHexStringLower(hash), 0, PayloadKind.SessionState);

    private static PayloadContext ReplyContext(long? userId, byte[] hash, string msgId) =>
        new(userId ?? PayloadContext.ServerScope, Convert.ToHexStringLower(hash) + "/" + msgId, 0, PayloadKind.CachedReply);

    private static PayloadContext ChunkContext(long? userId, byte[] hash, long seq) =>
        new(userId ?? PayloadContext.ServerScope, Convert.ToHexStringLower(hash), seq, PayloadKind.SessionChunk);

    /// <summary>The session's user (inside: null before login), or null when there is no such session.</summary>
    private Owner? SessionUser(byte[] hash) =>
        uow.QuerySingle(r => new Owner(r.NullableInt64(0)), "SELECT user_id FROM sessions WHERE token_hash = $h", ("$h", hash));

    private SessionRecord Map(string token, byte[] hash, SqliteDataReader r)
    {
        var userId = r.NullableInt64(0);
        return new(token, userId, r.NullableInt64(1), r.Time(2), r.Time(3), uow.Payloads.Decode(r.Blob(4), StateContext(userId, hash)));
    }

    private sealed record Owner(long? UserId);
}
