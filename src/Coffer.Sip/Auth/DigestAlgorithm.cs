namespace Coffer.Sip.Auth;

/// <summary>The digest algorithms offered (RFC 8760 §2: SHA-256 added to SIP; MD5 kept for older clients).</summary>
public enum DigestAlgorithm
{
    Md5,
    Sha256,
}
