namespace Coffer.Sync.Engine;

/// <summary>A message of a session whose account an administrator disabled since the session began.</summary>
internal sealed class AccountDisabledException : Exception
{
    public AccountDisabledException()
        : base("the session's account is disabled")
    {
    }
}
