using Coffer.Sip.Registrar;
using Coffer.Sync.Auth;

namespace Coffer.Server.Sip;

/// <summary>
/// The registrar's failures counted in the same buckets as /sync and the API's (<see cref="ILoginThrottle"/>): a
/// name or address out of attempts is out of them everywhere.
/// </summary>
public sealed class SipLoginThrottle(ILoginThrottle throttle) : ISipRegistrationThrottle
{
    public bool IsBlocked(string user, string address) => throttle.IsBlocked(ThrottleKeys.Account(user), address);

    public void Failed(string user, string address) => throttle.Failed(ThrottleKeys.Account(user), address);
}
