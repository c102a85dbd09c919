namespace Coffer.Sync.Auth;

/// <summary>Either a <see cref="Login"/> or a <see cref="LoginRefusal"/>.</summary>
internal sealed record AuthOutcome(Login? Login, LoginRefusal? Refusal)
{
    public static implicit operator AuthOutcome(Login login) => new(login, null);

    public static implicit operator AuthOutcome(LoginRefusal refusal) => new(null, refusal);
}
