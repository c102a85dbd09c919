namespace Coffer.Sync.Auth;

/// <summary>The result of <see cref="PasswordVerifier.VerifyAsync"/>.</summary>
public enum PasswordCheck
{
    Right,
    Wrong,

    /// <summary>Not checked: the account or address had no attempts left.</summary>
    Blocked,

    /// <summary>The password is right but the account is disabled by an administrator.</summary>
    Disabled,
}
