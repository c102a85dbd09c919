using System.Globalization;
using Coffer.Agent.Consent;
using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>
/// Runs the server's management commands on the tree and says what to answer (OMA-TS-DM_Protocol-V1_2 §6.6): a Status
/// per item (TargetRef its node), Results for a Get, a chunk's 213 until the large object is whole; Atomic all or
/// nothing (§6.6.3: on a failure every command is rolled back, the Atomic answers 507, the commands done 216, those not
/// run 215), Sequence in order; the user-interaction alerts answered as <see cref="DmUserInteraction"/> says.
/// </summary>
public sealed class DmCommandExecutor(DmTree tree, string serverId, DmUserInteraction ui)
{
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly List<DmConsentDecision> consent = [];
    private DmIncomingObject? incoming;

    public IReadOnlyDictionary<string, int> Counts => counts;

    public IReadOnlyList<DmConsentDecision> Consent => consent;

    public int Failed { get; private set; }

    /// <summary>Set by Alert 1223: the server ended the session.</summary>
    public bool Aborted { get; private set; }

    /// <summary>Whether the message held a management command (anything but Status, Results and Alert 1222).</summary>
    public static bool IsManagement(SyncMLCommand command) =>
        command is not (StatusCommand or ResultsCommand) && !(command is AlertCommand { Code: DmAlertCode.NextMessage });

    public List<DmOutgoing> Execute(SyncMLCommand command, string msgRef)
    {
        var answers = new List<DmOutgoing>();
        if (command is StatusCommand or ResultsCommand)
        {
            return answers;
        }

        counts[command.ElementName] = counts.GetValueOrDefault(command.ElementName) + 1;
        switch (command)
        {
            case AtomicCommand atomic:
                Atomic(atomic, msgRef, answers);
                break;
            case SequenceCommand sequence:
                answers.Add(Status(command, msgRef, StatusCode.Ok));
                foreach (var inner in sequence.Commands)
                {
                    answers.AddRange(Execute(inner, msgRef));
                }

                break;
            case AlertCommand alert:
                answers.Add(Alert(alert, msgRef));
                break;
            case ItemCommand items when command is GetCommand or AddCommand or ReplaceCommand or DeleteCommand or ExecCommand or CopyCommand:
                foreach (var item in items.Items)
                {
                    Item(items, item, msgRef, answers);
                }

                break;
            default:
                answers.Add(Status(command, msgRef, StatusCode.OptionalFeatureNotSupported));
                break;
        }

        return answers;
    }

    private void Atomic(AtomicCommand atomic, string msgRef, List<DmOutgoing> answers)
    {
        var nested = tree.Journal.InTransaction;
        if (!nested)
        {
            tree.Journal.Begin();
        }

        var inner = new List<(bool Executed, List<DmOutgoing> Answers)>();
        var failed = false;
        foreach (var command in atomic.Commands)
        {
            if (failed)
            {
                inner.Add((false, [Status(command, msgRef, StatusCode.NotExecuted)]));
                continue;
            }

            var result = Execute(command, msgRef);
            inner.Add((true, result));
            failed = result.Any(a => a.Command is StatusCommand s && !StatusCode.IsSuccess(s.Code));
        }

        if (failed && !nested)
        {
            tree.Journal.Rollback();
        }
        else if (!nested)
        {
            tree.Journal.Commit();
        }

        answers.Add(Status(atomic, msgRef, failed ? StatusCode.AtomicFailed : StatusCode.Ok));
        foreach (var (executed, result) in inner)
        {
            foreach (var answer in result)
            {
                if (!failed)
                {
                    answers.Add(answer);
                }
                else if (answer.Command is StatusCommand s)
                {
                    // The commands done are undone with the rest (216); a failed one keeps its code, one not run its 215.
                    s.Code = executed && StatusCode.IsSuccess(s.Code) ? StatusCode.AtomicRollBackOk : s.Code;
                    answers.Add(answer);
                }
            }
        }
    }

    private void Item(ItemCommand command, Item item, string msgRef, List<DmOutgoing> answers)
    {
        var uri = item.Target?.LocURI ?? string.Empty;
        try
        {
            switch (command)
            {
                case GetCommand:
                    var value = tree.Get(uri, serverId);
                    answers.Add(Status(command, msgRef, StatusCode.Ok, uri));
                    answers.Add(DmOutgoing.Of(new DmPendingResult(msgRef, command.CmdID ?? string.Empty, uri, value)));
                    return;
                case AddCommand or ReplaceCommand:
                    answers.Add(Status(command, msgRef, Write(command, item, uri), uri));
                    return;
                case DeleteCommand:
                    tree.Delete(uri, serverId);
                    break;
                case ExecCommand:
                    tree.Exec(uri, item.Data?.Text, serverId);
                    break;
                case CopyCommand:
                    tree.Copy(uri, item.Source?.LocURI ?? string.Empty, serverId);
                    break;
            }

            answers.Add(Status(command, msgRef, StatusCode.Ok, uri));
        }
        catch (DmCommandException e)
        {
            Failed++;
            answers.Add(Status(command, msgRef, e.Status, uri));
        }
        catch (IOException)
        {
            Failed++;
            answers.Add(Status(command, msgRef, StatusCode.CommandFailed, uri));
        }
    }

    /// <summary>Add or Replace, the chunks of a large object gathered first (213 each, 424 when the whole is not the announced Size).</summary>
    private int Write(ItemCommand command, Item item, string uri)
    {
        var (format, type, bytes) = DmWire.Read(item, command.Meta);
        if (incoming != null && (incoming.Uri != uri || incoming.Command != command.ElementName))
        {
            // A new command before the last chunk: the object was not finished (OMA-TS-DM_Protocol-V1_2 §7, 1225).
            incoming = null;
        }

        if (item.MoreData || incoming != null)
        {
            incoming ??= new DmIncomingObject(command.ElementName, uri, format, type, item.Meta?.Size ?? command.Meta?.Size);
            incoming.Bytes.Write(bytes);
            if (item.MoreData)
            {
                return StatusCode.ChunkedItemAccepted;
            }

            var whole = incoming;
            incoming = null;
            if (whole.Size is { } size && size != whole.Bytes.Length)
            {
                throw new DmCommandException(StatusCode.SizeMismatch, $"{uri}: {whole.Bytes.Length} bytes where {size} were announced");
            }

            (format, type, bytes) = (whole.Format, whole.Type, whole.Bytes.ToArray());
        }

        var data = new DmNodeData(format, type, bytes);
        if (command is AddCommand)
        {
            tree.Add(uri, data, serverId);
        }
        else
        {
            tree.Replace(uri, data, serverId);
        }

        return StatusCode.Ok;
    }

    private DmOutgoing Alert(AlertCommand alert, string msgRef)
    {
        var options = DmAlertOptions.Parse(alert.Items.ElementAtOrDefault(0)?.Data?.Text);
        var text = alert.Items.ElementAtOrDefault(1)?.Data?.Text ?? string.Empty;
        switch (alert.Code)
        {
            case DmAlertCode.Display:
                ui.Display?.Invoke(text);
                return Status(alert, msgRef, StatusCode.Ok);
            case DmAlertCode.Confirm:
                // docs/device-management.md "Consent": 200 establish, 304 reject (not confirmed), 214 defer.
                var answer = ui.Consent(text);
                var code = answer switch
                {
                    ConsentAnswer.Establish => StatusCode.Ok,
                    ConsentAnswer.Reject => StatusCode.NotModified,
                    _ => StatusCode.OperationCancelled,
                };
                consent.Add(new DmConsentDecision(text, answer, code));
                return Status(alert, msgRef, code);
            case DmAlertCode.TextInput:
                var typed = options.DefaultResponse ?? string.Empty;
                typed = ui.TextInput?.Invoke(text, typed) ?? typed;
                if (options.MaxLength is { } max && typed.Length > max)
                {
                    typed = typed[..max];
                }

                return Status(alert, msgRef, StatusCode.Ok, null, typed);
            case DmAlertCode.SingleChoice:
                var choices = alert.Items.Skip(2).Select(i => i.Data?.Text ?? string.Empty).ToList();
                var chosen = int.TryParse(options.DefaultResponse, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d >= 1 && d <= choices.Count ? d : 1;
                chosen = ui.Choice?.Invoke(text, choices, chosen) ?? chosen;
                return Status(alert, msgRef, StatusCode.Ok, null, chosen.ToString(CultureInfo.InvariantCulture));
            case DmAlertCode.NextMessage:
                return Status(alert, msgRef, StatusCode.Ok);
            case DmAlertCode.SessionAbort:
                Aborted = true;
                return Status(alert, msgRef, StatusCode.Ok);
            default:
                return Status(alert, msgRef, StatusCode.OptionalFeatureNotSupported);
        }
    }

    private static DmOutgoing Status(SyncMLCommand command, string msgRef, int code, string? targetRef = null, string? data = null)
    {
        var status = new StatusCommand { MsgRef = msgRef, CmdRef = command.CmdID, Cmd = command.ElementName, Code = code };
        if (targetRef != null)
        {
            status.TargetRefs.Add(targetRef);
        }

        if (data != null)
        {
            status.Items.Add(new Item { Data = ItemData.FromText(data) });
        }

        return DmOutgoing.Of(status);
    }
}
