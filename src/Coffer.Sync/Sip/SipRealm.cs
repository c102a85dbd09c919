using Coffer.Storage;

namespace Coffer.Sync.Sip;

/// <summary>
/// The digest realm of the SIP control server (Coffer:Sip:Realm, default "coffer"). Every place that sets a password
/// stores the password's HA1s for it (docs/sip.md): they are valid for this realm only.
/// </summary>
public sealed record SipRealm(string Name)
{
    public static SipRealm Default { get; } = new(SipDigestCredential.DefaultRealm);

    /// <summary>The configured realm, or the default when the setting is missing or empty.</summary>
    public static SipRealm From(string? configured) => string.IsNullOrWhiteSpace(configured) ? Default : new(configured.Trim());

    public SipDigestCredential Credential(string userName, string password) => SipDigestCredential.Compute(userName, Name, password);
}
