namespace Coffer.Storage;

/// <summary>
/// Persisted sessions and their reply cache. A client that gets no answer resends the same message (same
/// MsgID in SyncHdr, OMA-TS-SyncML-RepPro-V1_2); answering it from the cache yields identical bytes and
/// applies it once.
/// </summary>
public interface ISessionRepository
{
    /// <summary>Creates a session with a new random token, expiring <paramref name="lifetime"/> from now.</summary>
    Task<SessionRecord> CreateAsync(long? userId, long? deviceId, byte[] state, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>Null when unknown or expired.</summary>
    Task<SessionRecord?> GetAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Stores new state (and the authenticated user/device) and extends the expiry to now + <paramref name="lifetime"/>.</summary>
    Task<bool> UpdateAsync(string token, long? userId, long? deviceId, byte[] state, TimeSpan lifetime, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Caches the reply to a message, replacing the session's earlier ones: only the latest message is ever resent.</summary>
    Task PutReplyAsync(string token, string msgId, CachedReply reply, CancellationToken cancellationToken = default);

    Task<CachedReply?> GetReplyAsync(string token, string msgId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a piece of the large object the session is receiving (OMA-TS-DS_Protocol-V1_2 §6.10): chunks go to the
    /// store as they arrive, never into the session state.
    /// </summary>
    Task AppendChunkAsync(string token, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>The pieces appended so far, in order, joined; they are removed.</summary>
    Task<byte[]> TakeChunksAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Drops a large object received in part (refused, or replaced by another).</summary>
    Task DeleteChunksAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Deletes sessions expired by now, with their cached replies; returns how many sessions went.</summary>
    Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default);
}
