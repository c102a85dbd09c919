using Coffer.SyncML;

namespace Coffer.Agent.Dm;

/// <summary>What the client has to send: a command as it is (Status, Alert, Replace), or a Get's value that may go in chunks.</summary>
public sealed record DmOutgoing(SyncMLCommand? Command, DmPendingResult? Result)
{
    public static DmOutgoing Of(SyncMLCommand command) => new(command, null);

    public static DmOutgoing Of(DmPendingResult result) => new(null, result);
}
