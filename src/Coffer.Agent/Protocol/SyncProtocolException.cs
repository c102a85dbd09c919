namespace Coffer.Agent.Protocol;

/// <summary>The server's reply broke the protocol or refused something the client sent; the session is abandoned.</summary>
public sealed class SyncProtocolException : Exception
{
    public SyncProtocolException()
    {
    }

    public SyncProtocolException(string message)
        : base(message)
    {
    }

    public SyncProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The status code that made the session fail, when a status did (e.g. 417 retry later).</summary>
    public int? Status { get; init; }
}
