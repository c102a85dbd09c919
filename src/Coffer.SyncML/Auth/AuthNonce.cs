using System.Security.Cryptography;

namespace Coffer.SyncML.Auth;

/// <summary>
/// Fresh nonces for a <c>Chal</c>'s <c>NextNonce</c> (MetInf NextNonce, sent b64: OMA-TS-SyncML-MetaInfo-V1_2 "NextNonce"): a server must
/// issue a new one per challenge so a captured md5 Cred cannot be replayed.
/// </summary>
public static class AuthNonce
{
    public const int DefaultLength = 16;

    /// <summary>A random nonce of <paramref name="length"/> bytes, base64-encoded for NextNonce.</summary>
    public static string Generate(int length = DefaultLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return Convert.ToBase64String(RandomNumberGenerator.GetBytes(length));
    }
}
