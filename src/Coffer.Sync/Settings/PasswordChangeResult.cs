namespace Coffer.Sync.Settings;

public enum PasswordChangeResult
{
    Changed,
    WrongPassword,
    TooShort,
    Blocked,
}
