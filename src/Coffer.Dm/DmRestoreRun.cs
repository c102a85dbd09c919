using Coffer.Storage;
using Coffer.SyncML;

namespace Coffer.Dm;

/// <summary>
/// A restore (docs/device-management.md "Restore"): first a Get of <c>./DevDetail/FwV</c>, then the plan's Add /
/// Replace / Exec commands in order, as many as a message holds, in one Sequence per message, each app's commands in
/// an Atomic inside it; a value bigger than a message goes alone as a large object (OMA-TS-DM_Protocol-V1_2 §8.7).
/// Each Status becomes a line of the report; an Add the device answers 418 (already exists) is sent again as Replace
/// (an interior node is left as it is), inside an Atomic by sending the app's Atomic again (<see cref="DmAtomicOutcome"/>).
/// </summary>
internal static class DmRestoreRun
{
    public const string FirmwarePath = "./DevDetail/FwV";

    public static void Start(DmSessionContext context)
    {
        var get = new GetCommand();
        get.Items.Add(new Item { Target = new SyncLocation(FirmwarePath) });
        context.State.Outstanding[context.Reply.Command(get)] = FirmwarePath;
        context.State.Phase = DmPhase.Firmware;
    }

    /// <summary>The device's firmware arrived: plans the restore from the job's backup. False when there is no backup to restore.</summary>
    public static async Task<bool> PlanAsync(DmSessionContext context, DmJob job, string firmware, CancellationToken ct)
    {
        var state = context.State;
        var snapshot = job.SourceSnapshot is { } id ? await context.Uow.DmSnapshots.GetAsync(id, ct).ConfigureAwait(false) : null;
        var tree = snapshot == null ? null : await context.Uow.DmSnapshots.GetTreeAsync(snapshot.Id, ct).ConfigureAwait(false);
        if (snapshot == null || tree == null)
        {
            return false;
        }

        var plan = DmRestorePlanner.Plan(
            DmTreeDocument.Read(tree),
            new DmDeviceFacts(snapshot.Manufacturer, snapshot.Model, snapshot.Firmware),
            new DmDeviceFacts(state.Manufacturer, state.Model, firmware));
        state.Steps = [.. plan.Steps];
        state.Report = [.. plan.Skipped];
        state.StepOffset = 0;
        state.Phase = DmPhase.Restore;
        return true;
    }

    /// <summary>The device's Status for a restore command.</summary>
    public static void TakeStatus(DmSessionState state, StatusCommand status)
    {
        if (status.CmdRef == null)
        {
            return;
        }

        if (state.Atomics.ContainsKey(status.CmdRef))
        {
            DmAtomicOutcome.TakeAtomicStatus(state, status.CmdRef, status.Code);
            return;
        }

        if (!state.SentSteps.TryGetValue(status.CmdRef, out var step))
        {
            return;
        }

        state.SentSteps.Remove(status.CmdRef);
        if (step.Atomic != null && DmAtomicOutcome.TakeMemberStatus(state, status.CmdRef, status.Code))
        {
            return;
        }

        Record(state, step, status.Code);
    }

    /// <summary>One restore command's outcome: a line of the report, or the command queued again as Replace.</summary>
    internal static void Record(DmSessionState state, DmRestoreStep step, int code)
    {
        switch (code)
        {
            case StatusCode.ChunkedItemAccepted:
                break;
            case StatusCode.AlreadyExists when step.Action == DmRestoreAction.Add && !step.Node.IsInterior:
                state.Steps.Insert(0, step with { Action = DmRestoreAction.Replace });
                break;
            case StatusCode.AlreadyExists when step.Node.IsInterior:
                break;
            case >= 200 and < 300:
                if (!step.Node.IsInterior || step.Action == DmRestoreAction.Exec)
                {
                    state.Report.Add(new DmReportEntry(step.Node.Path, DmReportEntry.Restored, null));
                }

                break;
            default:
                state.Report.Add(new DmReportEntry(step.Node.Path, DmReportEntry.Failed, $"device status {code}"));
                break;
        }
    }

    /// <summary>Puts the next commands into the reply; false when a large object continues (the reply is not Final).</summary>
    public static bool Send(DmSessionContext context)
    {
        var state = context.State;
        SequenceCommand? sequence = null;
        while (state.Steps.Count > 0)
        {
            var step = state.Steps[0];
            var room = context.Budget - context.Reply.EstimatedBytes - 400;
            var encoded = Encoded(step.Node);
            if (step.Atomic != null && state.AtomicRefused)
            {
                state.Steps[0] = step with { Atomic = null };
                continue;
            }

            if (step.Atomic != null)
            {
                var group = state.Steps.TakeWhile(s => s.Atomic == step.Atomic).ToList();
                var total = 200 + group.Sum(s => Encoded(s.Node) + 200);
                if (total <= room)
                {
                    sequence ??= Sequence(context);
                    var atomic = new AtomicCommand();
                    var sent = new DmAtomicGroup();
                    state.Atomics[context.Reply.Nested(sequence, atomic)] = sent;
                    foreach (var member in group)
                    {
                        state.Steps.RemoveAt(0);
                        var memberId = context.Reply.Nested(atomic, Command(member, member.Node.Data, null, false), Encoded(member.Node));
                        state.SentSteps[memberId] = member;
                        sent.Steps.Add(member);
                        sent.CmdIds.Add(memberId);
                    }

                    continue;
                }

                if (context.Reply.HasCommands)
                {
                    return true;
                }

                // An Atomic cannot span messages (§6.6.3 and §8.7: a large object's chunks are separate commands
                // answered 213 one message at a time), so an app bigger than a message goes in Sequences, unguarded.
                for (var i = 0; i < group.Count; i++)
                {
                    state.Steps[i] = group[i] with { Atomic = null };
                }

                continue;
            }

            if (encoded <= room)
            {
                // A parent's Add before its children's, a Package before its Install: only a Sequence fixes the order
                // in which the device executes a message's commands (OMA-TS-DM_Protocol-V1_2 §6.6.13, Sequence).
                sequence ??= Sequence(context);

                state.Steps.RemoveAt(0);
                state.SentSteps[context.Reply.Nested(sequence, Command(step, step.Node.Data, null, false), encoded)] = step;
                continue;
            }

            if (context.Reply.HasCommands)
            {
                return true;
            }

            // Alone in the message and still too big: a large object, in pieces of raw bytes each sent b64.
            var piece = (int)Math.Max(1, room * 3 / 4);
            var rest = step.Node.Data.Length - state.StepOffset;
            var last = rest <= piece;
            var chunk = step.Node.Data.AsSpan(state.StepOffset, Math.Min(piece, rest)).ToArray();
            var cmdId = context.Reply.Command(Command(step, chunk, state.StepOffset == 0 ? step.Node.Data.Length : null, !last), chunk.Length * 4 / 3);
            state.SentSteps[cmdId] = step;
            if (last)
            {
                state.Steps.RemoveAt(0);
                state.StepOffset = 0;
                return true;
            }

            state.StepOffset += chunk.Length;
            return false;
        }

        return true;
    }

    public static bool IsComplete(DmSessionState state) => state.Steps.Count == 0 && state.SentSteps.Count == 0 && state.Atomics.Count == 0;

    public static DmJobReport Report(DmSessionState state, DmJob job) =>
        new(job.SourceSnapshot, state.Report.Count(r => r.Outcome == DmReportEntry.Restored), 0, [.. state.Report]);

    private static SequenceCommand Sequence(DmSessionContext context)
    {
        var sequence = new SequenceCommand();
        context.Reply.Command(sequence);
        return sequence;
    }

    private static long Encoded(DmNode node) => node.Path.Length + (DmNodeData.IsBinary(node.Format) ? (node.Data.Length + 2) / 3 * 4 : node.Data.Length);

    private static ItemCommand Command(DmRestoreStep step, byte[] data, long? size, bool moreData)
    {
        ItemCommand command = step.Action switch
        {
            DmRestoreAction.Exec => new ExecCommand(),
            DmRestoreAction.Replace => new ReplaceCommand(),
            _ => new AddCommand(),
        };
        var item = new Item { Target = new SyncLocation(step.Node.Path), MoreData = moreData };
        if (step.Action != DmRestoreAction.Exec)
        {
            var (itemData, format) = step.Node.IsInterior ? (null, "node") : DmNodeData.Write(data, step.Node.Format);
            item.Data = itemData;
            item.Meta = new MetInf { Format = format, Type = step.Node.Type, Size = size };
        }

        command.Items.Add(item);
        return command;
    }
}
