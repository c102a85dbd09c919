namespace Coffer.Sync.Auth;

/// <summary>No limit: for engines embedded where the host limits logins itself, and for tests of other behaviour.</summary>
public sealed class NoLoginThrottle : ILoginThrottle
{
    public static NoLoginThrottle Instance { get; } = new();

    public bool IsBlocked(string accountKey, string? remoteAddress) => false;

    public void Failed(string accountKey, string? remoteAddress)
    {
    }
}
