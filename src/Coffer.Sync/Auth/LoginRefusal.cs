using Coffer.Sync.Metrics;

namespace Coffer.Sync.Auth;

/// <summary>
/// Why a message is not let in: the SyncHdr status to answer with (401, 407, 417, 400), the challenge to send, and
/// whether the answer is held back (<see cref="SyncServerOptions.FailedLoginDelay"/>).
/// </summary>
internal sealed record LoginRefusal(int Code, AuthFailure Reason, string LogReason, string? ChalType = null, byte[]? Nonce = null, bool Delayed = false);
