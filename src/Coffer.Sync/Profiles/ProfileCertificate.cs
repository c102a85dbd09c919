namespace Coffer.Sync.Profiles;

/// <summary>
/// A certificate of the profile's <c>certs/</c>: its public parts, and whether a private key goes with it
/// (<c>sealed</c>: encrypted by the device under the account password; the server never has it in clear, and no
/// API shows even the sealed form here). A file sealed whole (a PKCS#12 bundle) has no public parts to show.
/// </summary>
public sealed record ProfileCertificate(
    string Path,
    string? Subject,
    string? Issuer,
    string? SerialNumber,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    string? Sha256Fingerprint,
    string PrivateKey);
