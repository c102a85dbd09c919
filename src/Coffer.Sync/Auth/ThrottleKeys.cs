namespace Coffer.Sync.Auth;

/// <summary>The account key <see cref="ILoginThrottle"/> counts failures under, for hosts outside the engine (SIP).</summary>
public static class ThrottleKeys
{
    public static string Account(string? name) => Md5Nonces.NameKey(name);
}
