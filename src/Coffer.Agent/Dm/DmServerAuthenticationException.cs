namespace Coffer.Agent.Dm;

/// <summary>The server did not prove it knows the server secret (its Cred missing or not the digest over our nonce): the session stopped after a 401.</summary>
public sealed class DmServerAuthenticationException : Exception
{
    public DmServerAuthenticationException()
    {
    }

    public DmServerAuthenticationException(string message)
        : base(message)
    {
    }

    public DmServerAuthenticationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
