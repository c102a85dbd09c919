namespace Coffer.Sip.Registrar;

/// <summary>
/// Limits failed digest authentications per claimed user name and per source address. A host plugs in the limiter
/// its other password checks use, so that SIP is no cheaper a way to guess a password.
/// </summary>
public interface ISipRegistrationThrottle
{
    /// <summary>True when the user name (existing or not) or the address has no failed attempts left.</summary>
    bool IsBlocked(string user, string address);

    /// <summary>One failed authentication of this user name from this address.</summary>
    void Failed(string user, string address);
}
