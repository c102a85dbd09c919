using System.Security.Cryptography;
using System.Text;

namespace Coffer.SyncML.Auth;

/// <summary>
/// <c>syncml:auth-md5</c> for SyncML 1.1 and later: Data = b64(H(b64(H("user:password")) + ":" + nonce)),
/// H = MD5, nonce = the raw bytes of the last <c>NextNonce</c> the server sent (base64-decoded)
/// (SyncML Representation 1.1 "MD5 Digest" scheme; OMA-TS-SyncML-RepPro-V1_2 §4.3 "Security"; the first request of a
/// client that never received a nonce uses an empty one).
/// </summary>
public static class Md5Auth
{
    public const int DigestLength = 16;

    /// <summary>The 16-byte digest.</summary>
    public static byte[] ComputeDigest(string user, string password, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
#pragma warning disable CA5351 // MD5 is what the protocol mandates
        var inner = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(user + ":" + password)));
        var prefix = Encoding.ASCII.GetBytes(inner + ":");
        var input = new byte[prefix.Length + nonce.Length];
        prefix.CopyTo(input, 0);
        nonce.CopyTo(input.AsSpan(prefix.Length));
        return MD5.HashData(input);
#pragma warning restore CA5351
    }

    /// <summary>The Cred Data (base64 of <see cref="ComputeDigest"/>).</summary>
    public static string Compute(string user, string password, ReadOnlySpan<byte> nonce) =>
        Convert.ToBase64String(ComputeDigest(user, password, nonce));

    /// <summary>Whether <paramref name="credData"/> is the digest for these credentials; compares in constant time.</summary>
    public static bool Verify(string credData, string user, string password, ReadOnlySpan<byte> nonce)
    {
        var expected = ComputeDigest(user, password, nonce);
        if (!TolerantBase64.TryDecode(credData, out var given) || given.Length != DigestLength)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// b64(H("user:password")): the inner part of the digest. A server keeps this instead of the password, so it can
    /// check md5 credentials without storing the password itself (it is still a password equivalent for md5 only).
    /// </summary>
    public static string CredentialHash(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
#pragma warning disable CA5351 // MD5 is what the protocol mandates
        return Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(user + ":" + password)));
#pragma warning restore CA5351
    }

    /// <summary>Like <see cref="Verify"/>, from the stored <see cref="CredentialHash"/> instead of the password.</summary>
    public static bool VerifyWithCredentialHash(string credData, string credentialHash, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(credentialHash);
        var prefix = Encoding.ASCII.GetBytes(credentialHash + ":");
        var input = new byte[prefix.Length + nonce.Length];
        prefix.CopyTo(input, 0);
        nonce.CopyTo(input.AsSpan(prefix.Length));
#pragma warning disable CA5351
        var expected = MD5.HashData(input);
#pragma warning restore CA5351
        return TolerantBase64.TryDecode(credData, out var given) && given.Length == DigestLength &&
            CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The nonce bytes of a <c>NextNonce</c> (Format b64), tolerating missing padding; null or empty gives an empty nonce.</summary>
    public static byte[] DecodeNonce(string? nextNonce)
    {
        if (string.IsNullOrWhiteSpace(nextNonce))
        {
            return [];
        }

        return TolerantBase64.TryDecode(nextNonce, out var bytes)
            ? bytes
            : throw new SyncMLFormatException("NextNonce is not base64");
    }
}
