using Coffer.SyncML.Auth;

namespace Coffer.Agent.Protocol;

/// <summary>
/// How the client authenticates (OMA-TS-DS_Protocol-V1_2 §5.1): basic until a server challenges for
/// <c>syncml:auth-md5</c>, then md5 with the last NextNonce the server gave (OMA-TS-SyncML-RepPro-V1_2 §4.3). A caller
/// that keeps this between runs spares the server a challenge round trip.
/// </summary>
public sealed class AuthState
{
    public string Type { get; set; } = AuthTypes.Basic;

    /// <summary>The last NextNonce (b64 text) the server sent; md5 uses it for the next Cred.</summary>
    public string? NextNonce { get; set; }

    public bool IsMd5 => string.Equals(Type, AuthTypes.Md5, StringComparison.Ordinal);
}
