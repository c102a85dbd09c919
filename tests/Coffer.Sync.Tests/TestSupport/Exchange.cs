using Coffer.SyncML;

namespace Coffer.Sync.Tests.TestSupport;

/// <summary>One message sent to the engine and its decoded reply.</summary>
public sealed record Exchange(SyncMLMessage Request, SyncResponse Response, SyncMLMessage Reply)
{
    public IEnumerable<StatusCommand> Statuses => Reply.Body.Commands.OfType<StatusCommand>();

    /// <summary>The statuses answering the client command with this CmdID (CmdRef "0" = the SyncHdr).</summary>
    public IReadOnlyList<StatusCommand> StatusesFor(string cmdRef) =>
        Statuses.Where(s => s.CmdRef == cmdRef && s.MsgRef == Request.Header.MsgID).ToList();

    /// <summary>The single status for a command; fails when there is none or more than one.</summary>
    public StatusCommand StatusFor(string cmdRef)
    {
        var found = StatusesFor(cmdRef);
        found.Count.ShouldBe(1, $"statuses for CmdRef {cmdRef}: {string.Join(", ", found.Select(s => s.Cmd + " " + s.Code))}");
        return found[0];
    }

    public int CodeFor(string cmdRef) => StatusFor(cmdRef).Code;

    public SyncCommand? ServerSync => Reply.Body.Commands.OfType<SyncCommand>().FirstOrDefault();
}
