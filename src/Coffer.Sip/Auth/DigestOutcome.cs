namespace Coffer.Sip.Auth;

/// <summary>What the authenticator decided about a request's credentials.</summary>
public enum DigestOutcome
{
    /// <summary>The response matches the account's HA1 under a fresh nonce.</summary>
    Authenticated,

    /// <summary>No Digest credentials for this realm: challenge.</summary>
    Missing,

    /// <summary>Right password, old nonce or a nonce count used before: challenge again with stale=true (RFC 2617 §3.2.1).</summary>
    Stale,

    /// <summary>Unknown user, wrong response, foreign nonce, unsupported algorithm or qop: challenge (and count it).</summary>
    Rejected,
}
