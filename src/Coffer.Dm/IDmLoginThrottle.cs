namespace Coffer.Dm;

/// <summary>
/// The login throttle DM credentials go through (docs/security.md "Failed logins"): the host plugs in the one its
/// other logins use, so a device's name has one allowance whichever protocol it fails on.
/// </summary>
public interface IDmLoginThrottle
{
    bool IsBlocked(string clientName, string? remoteAddress);

    void Failed(string clientName, string? remoteAddress);
}
