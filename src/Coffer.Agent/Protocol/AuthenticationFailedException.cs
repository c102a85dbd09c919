using Coffer.SyncML;

namespace Coffer.Agent.Protocol;

/// <summary>The server refused the credentials (SyncHdr status 401 or 407 after the client answered any challenge).</summary>
public sealed class AuthenticationFailedException : Exception
{
    public AuthenticationFailedException()
    {
    }

    public AuthenticationFailedException(string message)
        : base(message)
    {
    }

    public AuthenticationFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The SyncHdr status: 401 (invalid credentials) or 407 (credentials missing).</summary>
    public int Status { get; init; }

    /// <summary>The challenge of that status (its Meta gives the auth type the server wants and, for md5, the NextNonce).</summary>
    public MetInf? Challenge { get; init; }
}
