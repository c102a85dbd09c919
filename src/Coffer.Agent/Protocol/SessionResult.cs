namespace Coffer.Agent.Protocol;

/// <summary>
/// What one completed session did: the sync type asked and the one the server chose, messages exchanged, the local
/// changes the server accepted by kind, those it refused (with 420 quota full counted apart), the items received and
/// the bytes of item data sent.
/// </summary>
public sealed record SessionResult(int RequestedAlert, int ServerAlert, int Messages, int ItemsSent, int ItemsReceived)
{
    public int Added { get; init; }

    public int Replaced { get; init; }

    public int Deleted { get; init; }

    public int Refused { get; init; }

    public int QuotaRefused { get; init; }

    public int ReceivedAdds { get; init; }

    public int ReceivedReplaces { get; init; }

    public int ReceivedDeletes { get; init; }

    public long BytesSent { get; init; }
}
