namespace Coffer.Agent.Dm;

/// <summary>The server broke the DM protocol: an HTTP error, an unreadable reply, a session it refused.</summary>
public sealed class DmProtocolException : Exception
{
    public DmProtocolException()
    {
    }

    public DmProtocolException(string message)
        : base(message)
    {
    }

    public DmProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
