using Coffer.Storage;

namespace Coffer.Dm;

/// <summary>The outcome of a client's credential: its account when good, else the Status code (401/407) and the nonce to challenge with.</summary>
internal sealed record DmAuthResult(DmAccount? Account, int Code, string? NextNonce);
