using System.Text;
using Coffer.Storage;
using Coffer.Sync.Datastores;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Replay;

/// <summary>
/// What a correct OMA DS server must answer to each client command, derived from the protocol and from a model of
/// what the device has told the server so far (never from Coffer's code):
/// <list type="bullet">
/// <item>every command and the SyncHdr get exactly one Status with the right MsgRef/CmdRef/Cmd (the SyncHdr's first, the
/// rest in command order), an item command one per Item carrying the item's LUID, and no Status answers a Status
/// (OMA-TS-SyncML_RepPro-V1_2, Status element);</item>
/// <item>SyncHdr: 212 on the message whose credentials were accepted, 200 afterwards (RepPro §10 status codes);</item>
/// <item>sync Alert: 200, or 508 when the device's Last anchor is not the Next anchor of the last completed session
/// (OMA-TS-DS_Protocol-V1_2 §6.1 "Anchors"); its Status echoes the device's Next anchor; the server's own Alert names
/// the sync type in effect (201 after a 508);</item>
/// <item>Sync: 200 for a datastore alerted in this session, else 404;</item>
/// <item>Add: 201; Replace of an item the server does not know (always in a slow sync, where maps are rebuilt): 201
/// (RepPro §6.6.11: a Replace of a missing item adds it), else 200; Delete of a known item 200, of an unknown one 211;</item>
/// <item>Map, Put/Get of DevInf, Results: 200, and a Get is followed by a Results carrying the DevInf version it asked for.</item>
/// </list>
/// </summary>
public sealed class ProtocolOracle
{
    private readonly Dictionary<DatastoreKind, DatastoreModel> stores = [];

    public IReadOnlyDictionary<DatastoreKind, DatastoreModel> Stores => stores;

    public void BeginSession()
    {
        foreach (var store in stores.Values)
        {
            store.Mode = null;
            store.SessionNext = null;
        }
    }

    /// <summary>The session ended after both packages were final: the anchors become the synchronization object.</summary>
    public void CompleteSession()
    {
        foreach (var store in stores.Values.Where(s => s.Mode != null))
        {
            store.LastCompletedNext = store.SessionNext;
        }
    }

    /// <summary>The server told the device to delete an item (the device obeys and forgets it).</summary>
    public void ServerDeleted(DatastoreKind kind, string luid)
    {
        Store(kind).Known.Remove(luid);
        Store(kind).Content.Remove(luid);
    }

    /// <summary>The server sent the device a new version of an item (the device now holds that content).</summary>
    public void ServerReplaced(DatastoreKind kind, string luid, string type, string text) => Store(kind).Content[luid] = (type, text);

    public DatastoreModel Store(DatastoreKind kind)
    {
        if (!stores.TryGetValue(kind, out var store))
        {
            stores[kind] = store = new DatastoreModel();
        }

        return store;
    }

    /// <summary>
    /// Checks one reply against the message sent, adds every violation to <paramref name="failures"/> and returns the
    /// codes Coffer gave per CmdID (in the order of the items).
    /// </summary>
    public Dictionary<string, List<int>> Check(SyncMLMessage sent, SyncMLMessage reply, bool credentialsSent, List<string> failures)
    {
        var msgId = sent.Header.MsgID!;
        var where = $"client MsgID {msgId}";
        var statuses = reply.Body.Commands.OfType<StatusCommand>().ToList();
        var codes = new Dictionary<string, List<int>>();
        var commands = Flatten(sent.Body.Commands).ToList();
        var ids = commands.Select(c => c.CmdID).ToHashSet();
        foreach (var s in statuses)
        {
            if (s.MsgRef != msgId || (s.CmdRef != "0" && !ids.Contains(s.CmdRef)))
            {
                failures.Add($"{where}: Status {s.Cmd} MsgRef {s.MsgRef} CmdRef {s.CmdRef} answers nothing in this message");
            }

            if (s.CmdRef != null)
            {
                codes.TryAdd(s.CmdRef, []);
                codes[s.CmdRef].Add(s.Code);
            }
        }

        // The Statuses come in the order of the commands they answer (OMA-TS-SyncML_RepPro-V1_2, Status element).
        var order = commands.Select((c, i) => (c.CmdID, i)).Where(x => x.CmdID != null).GroupBy(x => x.CmdID!).ToDictionary(g => g.Key, g => g.First().i);
        var positions = statuses.Where(s => s.CmdRef != "0" && s.CmdRef != null && order.ContainsKey(s.CmdRef)).Select(s => order[s.CmdRef!]).ToList();
        if (positions.Zip(positions.Skip(1)).Any(p => p.Second < p.First))
        {
            failures.Add($"{where}: statuses are not in the order of the commands");
        }

        var header = statuses.Where(s => s.CmdRef == "0").ToList();
        if (header.Count != 1 || header[0].Cmd != "SyncHdr" || reply.Body.Commands.FirstOrDefault() != header[0])
        {
            failures.Add($"{where}: expected exactly one SyncHdr Status, first in the body; got {header.Count}");
        }
        else
        {
            Expect(where, "SyncHdr", header[0].Code, credentialsSent ? StatusCode.AuthenticationAccepted : StatusCode.Ok, failures);
        }

        foreach (var command in commands)
        {
            var mine = statuses.Where(s => s.CmdRef == command.CmdID).ToList();
            var at = $"{where} {command.ElementName} CmdID {command.CmdID}";
            if (command is StatusCommand)
            {
                if (mine.Count > 0)
                {
                    failures.Add($"{at}: a Status was answered with a Status");
                }

                continue;
            }

            if (command.NoResp)
            {
                continue;
            }

            if (mine.Any(s => s.Cmd != command.ElementName))
            {
                failures.Add($"{at}: Status names Cmd '{mine.First(s => s.Cmd != command.ElementName).Cmd}'");
            }

            if (command is ItemCommand { } ic && command is AddCommand or ReplaceCommand or DeleteCommand)
            {
                CheckItems(at, ic, mine, failures);
                continue;
            }

            if (mine.Count != 1)
            {
                failures.Add($"{at}: {mine.Count} statuses, expected exactly one");
                continue;
            }

            var expected = ExpectedFor(command, reply, mine[0], at, failures);
            if (expected != null)
            {
                Expect(at, command.ElementName, mine[0].Code, expected.Value, failures);
            }
        }

        return codes;
    }

    private static IEnumerable<SyncMLCommand> Flatten(IEnumerable<SyncMLCommand> commands)
    {
        foreach (var c in commands)
        {
            yield return c;
            if (c is ContainerCommand container)
            {
                foreach (var nested in Flatten(container.Commands))
                {
                    yield return nested;
                }
            }
        }
    }

    private static void Expect(string at, string what, int actual, int expected, List<string> failures)
    {
        if (actual != expected)
        {
            failures.Add($"{at}: {what} answered {actual}, a correct server answers {expected}");
        }
    }

    private int? ExpectedFor(SyncMLCommand command, SyncMLMessage reply, StatusCommand status, string at, List<string> failures)
    {
        switch (command)
        {
            case AlertCommand { Code: AlertCode.NextMessage }:
                return StatusCode.Ok;
            case AlertCommand alert when alert.Code is AlertCode.TwoWay or AlertCode.SlowSync:
                return ExpectedForAlert(alert, reply, status, at, failures);
            case SyncCommand sync:
                currentSync = DatastoreCatalog.TryResolve(sync.Target?.LocURI, out var kind) && Store(kind).Mode != null ? kind : null;
                return currentSync == null ? StatusCode.NotFound : StatusCode.Ok;
            case MapCommand map:
                if (DatastoreCatalog.TryResolve(map.Target?.LocURI, out var mapKind))
                {
                    foreach (var item in map.MapItems)
                    {
                        Store(mapKind).Known.Add(item.Source!.LocURI!);
                    }
                }

                return StatusCode.Ok;
            case PutCommand:
            case ResultsCommand:
                return StatusCode.Ok;
            case GetCommand get:
                CheckResults(get, reply, at, failures);
                return StatusCode.Ok;
            default:
                failures.Add($"{at}: the replay has no rule for this command");
                return null;
        }
    }

    private DatastoreKind? currentSync;

    private int ExpectedForAlert(AlertCommand alert, SyncMLMessage reply, StatusCommand status, string at, List<string> failures)
    {
        var item = alert.Items[0];
        if (!DatastoreCatalog.TryResolve(item.Target?.LocURI, out var kind))
        {
            return StatusCode.NotFound;
        }

        var store = Store(kind);
        var anchor = item.Meta?.Anchor;
        var matches = alert.Code == AlertCode.TwoWay && store.LastCompletedNext != null && anchor?.Last == store.LastCompletedNext;
        store.Mode = alert.Code == AlertCode.SlowSync || !matches ? AlertCode.SlowSync : AlertCode.TwoWay;
        store.SessionNext = anchor?.Next;
        if (store.Mode == AlertCode.SlowSync)
        {
            // A slow sync rebuilds the LUID map from scratch: the device sends every item again (OMA-TS-DS_Protocol-V1_2 §5.6).
            store.Known.Clear();
        }

        // The Status of a sync Alert carries the Next anchor received (OMA-TS-DS_Protocol-V1_2 §5.6.2 / §6.1).
        var echoed = status.Items.FirstOrDefault()?.Data?.Element?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Next")?.Value;
        if (echoed != anchor?.Next)
        {
            failures.Add($"{at}: Alert Status echoes Next '{echoed}', the device sent '{anchor?.Next}'");
        }

        var serverAlert = reply.Body.Commands.OfType<AlertCommand>()
            .FirstOrDefault(a => a.Items.Any(i => i.Target?.LocURI == item.Source?.LocURI));
        if (serverAlert?.Code != store.Mode)
        {
            failures.Add($"{at}: the server's Alert for {item.Source?.LocURI} is {serverAlert?.Code.ToString() ?? "missing"}, expected {store.Mode}");
        }

        return alert.Code == AlertCode.TwoWay && !matches ? StatusCode.RefreshRequired : StatusCode.Ok;
    }

    private void CheckItems(string at, ItemCommand command, List<StatusCommand> mine, List<string> failures)
    {
        // One Status per Item (RepPro §5.4 allows one Status per item, each naming its item by Source/TargetRef).
        if (mine.Count != command.Items.Count)
        {
            failures.Add($"{at}: {mine.Count} statuses for {command.Items.Count} items");
            return;
        }

        var store = currentSync is { } k ? Store(k) : null;
        var type = command.Meta?.Type;
        for (var i = 0; i < command.Items.Count; i++)
        {
            var item = command.Items[i];
            var luid = item.Source?.LocURI ?? item.Target?.LocURI ?? string.Empty;
            var status = mine.FirstOrDefault(s => s.SourceRefs.Contains(luid) || s.TargetRefs.Contains(luid));
            if (status == null)
            {
                failures.Add($"{at}: no Status names item '{luid}'");
                continue;
            }

            if (store == null)
            {
                Expect(at + " item " + luid, command.ElementName, status.Code, StatusCode.NotFound, failures);
                continue;
            }

            int expected;
            switch (command)
            {
                case AddCommand:
                    expected = StatusCode.ItemAdded;
                    break;
                case ReplaceCommand:
                    expected = store.Mode != AlertCode.SlowSync && store.Known.Contains(luid) ? StatusCode.Ok : StatusCode.ItemAdded;
                    break;
                default:
                    expected = store.Known.Contains(luid) ? StatusCode.Ok : StatusCode.ItemNotDeleted;
                    break;
            }

            Expect(at + " item " + luid, command.ElementName, status.Code, expected, failures);
            if (command is DeleteCommand)
            {
                store.Known.Remove(luid);
                store.Content.Remove(luid);
            }
            else
            {
                store.Known.Add(luid);
                store.Content[luid] = (item.Meta?.Type ?? type ?? string.Empty, Decode(item, command));
            }
        }
    }

    private static string Decode(Item item, ItemCommand command)
    {
        var text = item.Data?.Text ?? string.Empty;
        var format = item.Meta?.Format ?? command.Meta?.Format;
        return string.Equals(format, "b64", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim()))
            : text;
    }

    private static void CheckResults(GetCommand get, SyncMLMessage reply, string at, List<string> failures)
    {
        var results = reply.Body.Commands.OfType<ResultsCommand>().Where(r => r.CmdRef == get.CmdID).ToList();
        if (results.Count != 1)
        {
            failures.Add($"{at}: {results.Count} Results for the Get, expected one");
            return;
        }

        // The DevInf answered is in the version the URI asks for: ./devinf10, ./devinf11, ./devinf12 (OMA-TS-DS_DevInf-V1_2 §5.1).
        var uri = get.Items[0].Target?.LocURI ?? string.Empty;
        var wanted = uri.EndsWith("10", StringComparison.Ordinal) ? "1.0" : uri.EndsWith("11", StringComparison.Ordinal) ? "1.1" : "1.2";
        var devinf = results[0].Items.FirstOrDefault()?.Data?.Element;
        var verDtd = devinf?.Elements().FirstOrDefault(e => e.Name.LocalName == "VerDTD")?.Value;
        if (verDtd != wanted)
        {
            failures.Add($"{at}: Results for {uri} carry DevInf VerDTD '{verDtd}', expected {wanted}");
        }
    }
}
