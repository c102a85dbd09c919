using Coffer.SyncML;

namespace Coffer.Dm;

/// <summary>
/// What an app's Atomic came to (OMA-TS-DM_Protocol-V1_2 §6.6.3: on a failure the device undoes every command of the
/// Atomic, answers 507 for it, 216 for the commands it undid, 215 for those it did not run, and the failed one's own
/// code). All done: each command is reported as restored. Failed only because nodes of the app were already on the
/// device (418): the Atomic is sent again with those Adds as Replace (interior nodes left out), a few times at most.
/// Failed otherwise: every node of the app is reported failed, naming the command that failed. A device that does not
/// do Atomic (406) gets the app's commands again in the message's Sequence, and every later app the same way.
/// </summary>
internal static class DmAtomicOutcome
{
    /// <summary>How often an app's Atomic is sent again after nodes the device already had (each round fixes at least one).</summary>
    public const int MaxRounds = 8;

    public static void TakeAtomicStatus(DmSessionState state, string atomicCmdId, int code)
    {
        var group = state.Atomics[atomicCmdId];
        if (code is StatusCode.OptionalFeatureNotSupported or StatusCode.CommandNotImplemented)
        {
            state.Atomics.Remove(atomicCmdId);
            state.AtomicRefused = true;
            foreach (var cmdId in group.CmdIds)
            {
                state.SentSteps.Remove(cmdId);
            }

            state.Steps.InsertRange(0, group.Steps.Select(s => s with { Atomic = null }));
            return;
        }

        group.Code = code;
        Resolve(state, atomicCmdId);
    }

    /// <summary>False when the command was not sent in an Atomic still waiting for answers.</summary>
    public static bool TakeMemberStatus(DmSessionState state, string cmdId, int code)
    {
        var (atomicCmdId, group) = state.Atomics.FirstOrDefault(a => a.Value.CmdIds.Contains(cmdId));
        if (group == null)
        {
            return false;
        }

        group.Codes[cmdId] = code;
        Resolve(state, atomicCmdId);
        return true;
    }

    private static void Resolve(DmSessionState state, string atomicCmdId)
    {
        var group = state.Atomics[atomicCmdId];
        if (!group.IsAnswered)
        {
            return;
        }

        state.Atomics.Remove(atomicCmdId);
        var answers = group.Steps.Zip(group.CmdIds, (step, cmdId) => (Step: step, Code: group.Codes[cmdId])).ToList();
        if (group.Code is >= 200 and < 300 && answers.All(a => a.Code is >= 200 and < 300 and not StatusCode.NotExecuted and not StatusCode.AtomicRollBackOk))
        {
            foreach (var (step, code) in answers)
            {
                DmRestoreRun.Record(state, step, code);
            }

            return;
        }

        var failed = answers.Where(a => a.Code is < 200 or >= 300).ToList();
        if (failed.Count > 0 && failed.All(a => a.Code == StatusCode.AlreadyExists && a.Step.Action == DmRestoreAction.Add)
            && group.Steps[0].Round < MaxRounds)
        {
            var again = answers
                .Where(a => !(a.Code == StatusCode.AlreadyExists && a.Step.Node.IsInterior))
                .Select(a => a.Step with
                {
                    Action = a.Code == StatusCode.AlreadyExists ? DmRestoreAction.Replace : a.Step.Action,
                    Round = a.Step.Round + 1,
                });
            state.Steps.InsertRange(0, again);
            return;
        }

        var cause = failed.Count > 0 ? $"device status {failed[0].Code} at {failed[0].Step.Node.Path}" : $"device status {group.Code}";
        foreach (var (step, code) in answers)
        {
            var reason = code is < 200 or >= 300 ? $"device status {code}" : $"undone with the app's Atomic ({cause})";
            if (code is < 200 or >= 300 || !step.Node.IsInterior || step.Action == DmRestoreAction.Exec)
            {
                state.Report.Add(new DmReportEntry(step.Node.Path, DmReportEntry.Failed, reason));
            }
        }
    }
}
