using Coffer.Dm;
using Coffer.Sync.Auth;

namespace Coffer.Server.Dm;

/// <summary>DM credentials through the server's one login throttle (docs/security.md "Failed logins"), keyed by the DM client name.</summary>
public sealed class DmLoginThrottle(ILoginThrottle throttle) : IDmLoginThrottle
{
    public bool IsBlocked(string clientName, string? remoteAddress) => throttle.IsBlocked(ThrottleKeys.Account(clientName), remoteAddress);

    public void Failed(string clientName, string? remoteAddress) => throttle.Failed(ThrottleKeys.Account(clientName), remoteAddress);
}
