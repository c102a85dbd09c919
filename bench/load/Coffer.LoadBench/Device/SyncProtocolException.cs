namespace Coffer.LoadBench.Device;

/// <summary>The server's reply broke the protocol or refused something the phone sent; the session is abandoned.</summary>
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
}
