namespace Coffer.Storage;

/// <summary>The associated data of a sealed SIP HA1: its kind, its user and its algorithm (docs/security.md).</summary>
public static class SipCredentialContext
{
    public static PayloadContext For(long userId, string algorithm) => new(userId, algorithm, 0, PayloadKind.SipDigestHa1);

    /// <summary>The stored spelling of a digest algorithm name (MD5, SHA-256); null for one without a stored HA1.</summary>
    public static string? Algorithm(string algorithm) =>
        string.Equals(algorithm, SipDigestCredential.Md5, StringComparison.OrdinalIgnoreCase) ? SipDigestCredential.Md5
        : string.Equals(algorithm, SipDigestCredential.Sha256, StringComparison.OrdinalIgnoreCase) ? SipDigestCredential.Sha256
        : null;
}
