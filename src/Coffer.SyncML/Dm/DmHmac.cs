using System.Security.Cryptography;
using System.Text;
using Coffer.SyncML.Auth;

namespace Coffer.SyncML.Dm;

/// <summary>
/// HMAC-MD5 message authentication of DM 1.2 (OMA-TS-DM_Security-V1_2 §5.5.2), sent in the <c>x-syncml-hmac</c>
/// HTTP header: mac = B64(H(B64(H(username:password)):nonce:B64(H(body)))), H = MD5, nonce = the raw bytes of the
/// peer's last NextNonce, body = the HTTP body as sent. B64(H(username:password)) is the credential hash
/// <see cref="Md5Auth.CredentialHash"/>, so a server keeping only that can verify without the password.
/// </summary>
public static class DmHmac
{
    /// <summary>The <c>x-syncml-hmac</c> value for a message with this body.</summary>
    public static string ComputeHeader(string user, string password, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> body)
    {
        var mac = ComputeMac(Md5Auth.CredentialHash(user, password), nonce, body);
        return new DmHmacHeader(DmHmacHeader.Md5, user, Convert.ToBase64String(mac)).ToString();
    }

    /// <summary>The 16-byte MAC from the credential hash B64(H(username:password)).</summary>
    public static byte[] ComputeMac(string credentialHash, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(credentialHash);
#pragma warning disable CA5351 // MD5 is what the protocol mandates
        var prefix = Encoding.ASCII.GetBytes(credentialHash + ":");
        var suffix = Encoding.ASCII.GetBytes(":" + Convert.ToBase64String(MD5.HashData(body)));
        var input = new byte[prefix.Length + nonce.Length + suffix.Length];
        prefix.CopyTo(input, 0);
        nonce.CopyTo(input.AsSpan(prefix.Length));
        suffix.CopyTo(input, prefix.Length + nonce.Length);
        return MD5.HashData(input);
#pragma warning restore CA5351
    }

    /// <summary>
    /// Whether <paramref name="header"/> authenticates <paramref name="body"/> under the stored credential hash of
    /// its user and <paramref name="nonce"/>: algorithm MD5 and the MAC equal (constant-time compare). Never throws
    /// on a bad header.
    /// </summary>
    public static bool Verify(DmHmacHeader header, string credentialHash, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(credentialHash);
        if (!string.Equals(header.Algorithm, DmHmacHeader.Md5, StringComparison.OrdinalIgnoreCase) ||
            !TolerantBase64.TryDecode(header.Mac, out var given) || given.Length != Md5Auth.DigestLength)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(ComputeMac(credentialHash, nonce, body), given);
    }
}
