namespace Coffer.Sip.Auth;

public enum DigestNonceCheck
{
    Fresh,
    Stale,
    Unknown,
}
