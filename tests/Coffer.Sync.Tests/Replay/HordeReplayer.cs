using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Coffer.Formats;
using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.Sync.Datastores;
using Coffer.Sync.Tests.TestSupport;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Tests.Replay;

/// <summary>
/// Replays a recorded Horde test case against the engine, session by session, and checks every reply with the
/// <see cref="ProtocolOracle"/>. The device's own commands (Put, Get, Alert, Sync with its items, Map, Results) are
/// sent as recorded, in the recorded bytes' dialect (namespaces, CDATA, SyncML 1.0/1.1). What answered Horde rather
/// than Coffer is adapted, as the device would have done talking to Coffer:
/// <list type="bullet">
/// <item>the SyncHdr Target is our endpoint, then the RespURI we gave, whose token goes with the request;</item>
/// <item>the recorded Status commands (which answer Horde's commands) are replaced by Statuses acknowledging Coffer's
/// actual previous reply (all recorded device statuses were successes);</item>
/// <item>the server-side changes Horde sent in a session (items created, edited or deleted in Horde between syncs) are
/// made in Coffer's store before that session, so Coffer has the same changes to send; the device's Map then names
/// Coffer's GUIDs instead of Horde's;</item>
/// <item>a recorded "Alert 222 only" message exists because Horde's previous reply lacked Final: it is skipped when
/// Coffer's reply was Final, and when Coffer's reply lacks Final after the device's final message, the device asks for
/// the rest with Alert 222 (OMA-TS-DS_Protocol-V1_2 §6.4).</item>
/// </list>
/// </summary>
public sealed class HordeReplayer
{
    private const int MaxExtraMessages = 20;

    private readonly HordeRecording recording;
    private readonly EngineHost host;
    private readonly Dictionary<string, string> guids = new(StringComparer.Ordinal);
    private readonly ContentHandlers handlers = ContentHandlers.CreateDefault();
    private DeviceInfo? deviceInfo;
    private string user = string.Empty;
    private string deviceId = string.Empty;
    private int synthesized;

    public HordeReplayer(HordeRecording recording, EngineHost host)
    {
        this.recording = recording;
        this.host = host;
    }

    public ProtocolOracle Oracle { get; } = new();

    /// <summary>Open a new store object and engine on the same DataDir before every message (a server restart).</summary>
    public bool RestartBeforeEveryMessage { get; init; }

    public List<string> Failures { get; } = [];

    public List<StatusDifference> Differences { get; } = [];

    public List<string> Log { get; } = [];

    public async Task RunAsync()
    {
        var first = recording.Sessions[0][0].Client;
        var credentials = BasicAuth.Decode(first.Header.Cred!.Data!);
        user = credentials.User;
        deviceId = first.Header.Source!.LocURI!;
        await host.CreateUserAsync(credentials.User, credentials.Password);

        for (var s = 0; s < recording.Sessions.Count; s++)
        {
            await RunSessionAsync(s + 1, recording.Sessions[s]);
        }
    }

    private async Task RunSessionAsync(int number, IReadOnlyList<RecordedExchange> session)
    {
        var expectedOut = await SeedServerChangesAsync(session);
        Oracle.BeginSession();
        string? token = null;
        string? respUri = null;
        SyncMLMessage? last = null;
        var lastSentFinal = false;
        var sentOut = new List<ItemCommand>();
        foreach (var recorded in session)
        {
            if (last?.Body.Final == true && IsOnlyNextMessageRequest(recorded.Client))
            {
                Log.Add($"{recorded.Number}: skipped (Alert 222 only; Coffer's reply was Final)");
                continue;
            }

            while (last != null && !last.Body.Final && lastSentFinal && !IsOnlyNextMessageRequest(recorded.Client))
            {
                last = await AskForMoreAsync(number, last, token!, respUri!, sentOut);
            }

            var doc = Adapt(recorded, last, respUri ?? EngineHost.Endpoint, out var renumbered);
            var sent = SyncMLXml.Read(doc);
            RememberDevInf(sent);
            var bytes = Encoding.UTF8.GetBytes(doc.Declaration + doc.ToString(SaveOptions.DisableFormatting));
            if (RestartBeforeEveryMessage)
            {
                await host.RestartAsync();
            }

            var response = await host.PostAsync(bytes, token);
            if (response.HttpStatus != 200)
            {
                Failures.Add($"{recorded.Number}: HTTP {response.HttpStatus}: {Encoding.UTF8.GetString(response.Body)}");
                return;
            }

            var reply = SyncMLXml.Parse(response.Body);
            token ??= EngineHost.TokenOf(reply);
            respUri = reply.Header.RespURI;
            var codes = Oracle.Check(sent, reply, sent.Header.Cred != null, Failures);
            Compare(recorded, renumbered, codes);
            Log.Add($"{recorded.Number}: sent {Describe(sent)} -> {Describe(reply)}");
            CollectOutgoing(reply, sentOut);
            last = reply;
            lastSentFinal = sent.Body.Final;
        }

        while (last != null && !last.Body.Final)
        {
            last = await AskForMoreAsync(number, last, token!, respUri!, sentOut);
        }

        Oracle.CompleteSession();
        CompareOutgoing(number, expectedOut, sentOut);
        await CheckStoreAsync(number);
    }

    private async Task<SyncMLMessage> AskForMoreAsync(int session, SyncMLMessage last, string token, string respUri, List<ItemCommand> sentOut)
    {
        if (++synthesized > MaxExtraMessages)
        {
            throw new InvalidOperationException("Coffer never ended its package with Final");
        }

        var msgId = (900 + synthesized).ToString(CultureInfo.InvariantCulture);
        var ask = new ClientMessage(deviceId, msgId, last.Header.SessionID ?? "1", last.Version).To(respUri).Acknowledge(last).NextMessageAlert().Build();
        var exchange = await host.SendAsync(ask, token);
        Oracle.Check(ask, exchange.Reply, false, Failures);
        Log.Add($"{session}x: sent {Describe(ask)} -> {Describe(exchange.Reply)}");
        CollectOutgoing(exchange.Reply, sentOut);
        return exchange.Reply;
    }

    private static bool IsOnlyNextMessageRequest(SyncMLMessage message) =>
        message.Body.Commands.All(c => c is StatusCommand or AlertCommand { Code: AlertCode.NextMessage }) &&
        message.Body.Commands.Any(c => c is AlertCommand);

    /// <summary>The recorded message, with our address, statuses for our previous reply, our GUIDs and fresh CmdIDs.</summary>
    private XDocument Adapt(RecordedExchange recorded, SyncMLMessage? previous, string target, out Dictionary<string, string> renumbered)
    {
        var doc = SyncMLXml.LoadXDocument(recorded.ClientBytes);
        var root = doc.Root!;
        XNamespace ns = root.Name.Namespace;
        var header = root.Element(ns + "SyncHdr")!;
        header.Element(ns + "Target")!.Element(ns + "LocURI")!.Value = target;
        var body = root.Element(ns + "SyncBody")!;
        body.Elements(ns + "Status").Remove();
        if (previous != null)
        {
            var version = recorded.Client.Version;
            var acks = new ClientMessage(deviceId, "0", "0", version).Acknowledge(previous).Build().Body.Commands;
            body.AddFirst(acks.Select(a => Retarget(SyncMLXml.WriteCommand(a, version), ns)));
        }

        foreach (var locUri in body.Elements(ns + "Map").Elements(ns + "MapItem").Elements(ns + "Target").Elements(ns + "LocURI"))
        {
            if (guids.TryGetValue(locUri.Value.Trim(), out var ours))
            {
                locUri.Value = ours;
            }
            else
            {
                Failures.Add($"{recorded.Number}: the device maps Horde item {locUri.Value}, which Coffer never sent");
            }
        }

        renumbered = [];
        var next = 1;
        foreach (var cmdId in body.Descendants(ns + "CmdID").ToList())
        {
            var fresh = (next++).ToString(CultureInfo.InvariantCulture);
            if (cmdId.Parent!.Name.LocalName != "Status")
            {
                renumbered[fresh] = cmdId.Value.Trim();
            }

            cmdId.Value = fresh;
        }

        return doc;
    }

    /// <summary>Our writer puts SyncML elements in the model's namespace; the recorded dialect may use another (or none).</summary>
    private static XElement Retarget(XElement element, XNamespace ns)
    {
        foreach (var e in element.DescendantsAndSelf().Where(e => e.Name.NamespaceName.StartsWith("SYNCML:SYNCML", StringComparison.OrdinalIgnoreCase)))
        {
            e.Name = ns + e.Name.LocalName;
        }

        return element;
    }

    /// <summary>Horde's status codes for the same recorded commands, for the list of differences.</summary>
    private void Compare(RecordedExchange recorded, Dictionary<string, string> renumbered, Dictionary<string, List<int>> coffer)
    {
        var msgRef = recorded.Client.Header.MsgID;
        var horde = recorded.Server.Body.Commands.OfType<StatusCommand>().Where(s => s.MsgRef == msgRef).ToList();
        var hdr = horde.Where(s => s.CmdRef == "0").Select(s => s.Code).ToList();
        Difference(recorded, "SyncHdr", hdr, coffer.GetValueOrDefault("0") ?? []);
        foreach (var (fresh, original) in renumbered)
        {
            var command = FindCommand(recorded.Client.Body.Commands, original);
            if (command == null)
            {
                continue;
            }

            var theirs = horde.Where(s => s.CmdRef == original).Select(s => s.Code).ToList();
            Difference(recorded, command.ElementName + " " + original, theirs, coffer.GetValueOrDefault(fresh) ?? []);
        }
    }

    private static SyncMLCommand? FindCommand(IEnumerable<SyncMLCommand> commands, string cmdId)
    {
        foreach (var c in commands)
        {
            if (c.CmdID == cmdId)
            {
                return c;
            }

            if (c is ContainerCommand container && FindCommand(container.Commands, cmdId) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private void Difference(RecordedExchange recorded, string command, List<int> horde, List<int> coffer)
    {
        if (horde.SequenceEqual(coffer))
        {
            return;
        }

        var reason = Explain(recorded, command, horde, coffer);
        Differences.Add(new StatusDifference(recording.Name, recorded.Number, command, string.Join(",", horde), string.Join(",", coffer), reason));
    }

    /// <summary>Why Coffer's answer is the right one where Horde's differs; null = unexplained (the test fails).</summary>
    private static string? Explain(RecordedExchange recorded, string command, List<int> horde, List<int> coffer)
    {
        if (horde.Count == 0)
        {
            return "Horde sent no Status for this command (session run by its SyncML_Device_P800 class, per syncml_log.txt); OMA-TS-SyncML_RepPro-V1_2 requires one per command without NoResp";
        }

        if (command == "SyncHdr" && recorded.Client.Header.Cred != null && horde.SequenceEqual([200]) && coffer.SequenceEqual([212]))
        {
            return "credentials accepted: 212 'Authentication accepted' (RepPro §10); Horde answered the first session's credentials with 200";
        }

        return null;
    }

    private static void CollectOutgoing(SyncMLMessage reply, List<ItemCommand> sentOut) =>
        sentOut.AddRange(reply.Body.Commands.OfType<SyncCommand>().SelectMany(s => s.Commands).OfType<ItemCommand>());

    /// <summary>Makes Horde's server-side changes of this session in Coffer's store; returns what Coffer must send.</summary>
    private async Task<List<ServerChange>> SeedServerChangesAsync(IReadOnlyList<RecordedExchange> session)
    {
        var expected = new List<ServerChange>();
        await using var uow = await host.Store.BeginAsync();
        var account = (await uow.Users.FindByNameAsync(user))!;
        var device = await uow.Devices.GetAsync(account.Id, deviceId);
        foreach (var sync in session.SelectMany(r => r.Server.Body.Commands.OfType<SyncCommand>()))
        {
            DatastoreCatalog.TryResolve(sync.Source?.LocURI, out var kind).ShouldBeTrue(sync.Source?.LocURI);
            var ds = await uow.Datastores.EnsureAsync(account.Id, kind);
            foreach (var command in sync.Commands.OfType<ItemCommand>())
            {
                foreach (var item in command.Items)
                {
                    var type = item.Meta?.Type ?? command.Meta?.Type ?? "application/octet-stream";
                    if (command is AddCommand)
                    {
                        var text = DecodeData(item, command);
                        var stored = StoredForm(kind, type, text);
                        var added = await uow.Items.AddAsync(ds.Id, [new NewItem(stored.ContentType, Encoding.UTF8.GetBytes(stored.Text), "web")]);
                        guids[item.Source!.LocURI!] = added[0].Id;
                        expected.Add(new ServerChange("Add", null, kind, type, text));
                        continue;
                    }

                    var luid = item.Target!.LocURI!;
                    device.ShouldNotBeNull($"Horde changes item {luid} of a device Coffer never saw");
                    var guid = (await uow.IdMaps.GetGuidsAsync(device.Id, ds.Id, [luid])).GetValueOrDefault(luid);
                    if (guid == null)
                    {
                        Failures.Add($"Coffer has no map entry for the device's item {luid} (Horde {command.ElementName}s it)");
                        continue;
                    }

                    if (command is ReplaceCommand)
                    {
                        var text = DecodeData(item, command);
                        var stored = StoredForm(kind, type, text);
                        (await uow.Items.ReplaceAsync(ds.Id, [new ItemReplacement(guid, stored.ContentType, Encoding.UTF8.GetBytes(stored.Text), "web")]))[0].ShouldNotBeNull();
                        expected.Add(new ServerChange("Replace", luid, kind, type, text));
                        Oracle.ServerReplaced(kind, luid, type, text);
                    }
                    else
                    {
                        (await uow.Items.DeleteAsync(ds.Id, [new ItemDeletion(guid, "web")]))[0].ShouldNotBeNull();
                        expected.Add(new ServerChange("Delete", luid, kind, type, null));
                        Oracle.ServerDeleted(kind, luid);
                    }
                }
            }
        }

        await uow.CommitAsync();
        return expected;
    }

    private static string DecodeData(Item item, ItemCommand command)
    {
        var text = item.Data?.Text ?? string.Empty;
        var format = item.Meta?.Format ?? command.Meta?.Format;
        return string.Equals(format, "b64", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim()))
            : text;
    }

    /// <summary>
    /// An item made on the server (web, API) is stored in the server's canonical form, like everything the server
    /// writes: vCard 3.0, iCalendar 2.0, plain-text notes; vendor formats (SIF) stay as they are.
    /// </summary>
    private NormalizedContent StoredForm(DatastoreKind kind, string type, string text) => handlers.For(kind, type).Normalize(text, type);

    /// <summary>
    /// Coffer sends the device exactly the server-side changes of the session (and nothing of its own). Items are
    /// compared by meaning (<see cref="ItemMeaning"/>): Coffer renders the stored copy in the device's format, trimmed to
    /// its CTCap (seed 000 §4.3), so a property Horde sent may be absent only when the device's DevInf does not list it;
    /// every property the device can hold must arrive with the same value, and nothing may be added. SIF (opaque) items
    /// must arrive byte for byte.
    /// </summary>
    private void CompareOutgoing(int session, List<ServerChange> expected, List<ItemCommand> sentOut)
    {
        var actual = sentOut.SelectMany(c => c.Items.Select(i => new SentItem(c.ElementName, c is AddCommand ? null : i.Target?.LocURI, c is DeleteCommand ? null : DecodeData(i, c))))
            .ToList();
        var wantedOps = expected.Select(x => x.Op + " " + x.Luid).Order(StringComparer.Ordinal).ToList();
        var actualOps = actual.Select(a => a.Op + " " + a.Luid).Order(StringComparer.Ordinal).ToList();
        if (!actualOps.SequenceEqual(wantedOps))
        {
            Failures.Add($"session {session}: Coffer sent [{string.Join("; ", actualOps)}], the server-side changes were [{string.Join("; ", wantedOps)}]");
            return;
        }

        var unmatched = actual.ToList();
        foreach (var change in expected)
        {
            var candidates = unmatched.Where(a => a.Op == change.Op && a.Luid == change.Luid).ToList();
            var reports = new List<string>();
            var match = candidates.FirstOrDefault(a =>
            {
                var differences = ContentDifferences(change, a.Text);
                reports.Add(string.Join(", ", differences));
                return differences.Count == 0;
            });
            if (match == null)
            {
                Failures.Add($"session {session}: Coffer's {change.Op} {change.Luid} does not carry the server-side change: {string.Join(" | ", reports)}");
                continue;
            }

            unmatched.Remove(match);
        }
    }

    private List<string> ContentDifferences(ServerChange change, string? sentText)
    {
        if (change.Text == null || sentText == null)
        {
            return change.Text == sentText ? [] : ["content expected: " + (change.Text != null)];
        }

        try
        {
            var wanted = ItemMeaning.Of(change.Kind, change.Type, change.Text);
            if (wanted == null)
            {
                return Normalize(sentText) == Normalize(change.Text) ? [] : ["opaque item not sent byte for byte"];
            }

            var got = ItemMeaning.Of(change.Kind, change.Type, sentText)!;
            return [.. ItemMeaning.Differences(wanted, got, mayBeMissing: line => !DeviceHolds(change.Type, line.Field))];
        }
        catch (PimFormatException e)
        {
            return ["unparsable: " + e.Message];
        }
    }

    /// <summary>The device's DevInf of this or an earlier session (a device sends it once; Coffer keeps it).</summary>
    private void RememberDevInf(SyncMLMessage sent)
    {
        foreach (var item in sent.Body.Commands.Where(c => c is PutCommand or ResultsCommand).Cast<ItemCommand>().SelectMany(c => c.Items))
        {
            if (item.Data?.Element is { Name.LocalName: "DevInf" } element)
            {
                deviceInfo = DevInfXml.Read(element);
            }
        }
    }

    /// <summary>
    /// Whether the device can hold <paramref name="field"/> of <paramref name="type"/> per its CTCap (OMA-TS-DS_DevInf-V1_2
    /// §5 CTCap/PropName; DevInf 1.0/1.1 list them flat). No CTCap = it holds everything. The model is iCalendar 2.0, a
    /// vCalendar 1.0 device lists the 1.0 names: DCREATED is CREATED (vCalendar 1.0 §3.6.4 / RFC 5545 §3.8.7.1), its
    /// AALARM/DALARM/PALARM/MALARM are VALARM, TZ/DAYLIGHT are VTIMEZONE.
    /// </summary>
    private bool DeviceHolds(string type, string field)
    {
        var all = deviceInfo == null ? [] : deviceInfo.CTCaps.Concat(deviceInfo.DataStores.SelectMany(d => d.CTCaps)).Where(c => c.Properties.Count > 0).ToList();
        var caps = all.Where(c => string.Equals(c.CTType, type, StringComparison.OrdinalIgnoreCase)).ToList();
        if (caps.Count == 0)
        {
            // The P900 labels its vCalendar 1.0 items "text/calendar" but describes them under text/x-vcalendar: the
            // label does not change what the device can hold, so its other CTCaps apply.
            caps = all;
        }

        if (caps.Count == 0)
        {
            return true;
        }

        string[] names = field switch
        {
            "CREATED" => ["CREATED", "DCREATED"],
            "VALARM" => ["VALARM", "AALARM", "DALARM", "PALARM", "MALARM"],
            "VTIMEZONE" => ["VTIMEZONE", "TZ", "DAYLIGHT"],
            _ => [field],
        };
        return caps.Any(c => names.Any(c.SupportsProperty));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>After each session the store holds exactly the device's items: opaque (SIF) content byte for byte, the rest by meaning.</summary>
    private async Task CheckStoreAsync(int session)
    {
        await using var uow = await host.Store.BeginReadAsync();
        var account = (await uow.Users.FindByNameAsync(user))!;
        var device = (await uow.Devices.GetAsync(account.Id, deviceId))!;
        foreach (var (kind, model) in Oracle.Stores)
        {
            var ds = (await uow.Datastores.GetAsync(account.Id, kind))!;
            var live = await uow.Items.CountLiveAsync(ds.Id);
            if (live != model.Known.Count)
            {
                Failures.Add($"session {session} {kind}: {live} live items stored, the device holds {model.Known.Count}");
            }

            var map = await uow.IdMaps.GetGuidsAsync(device.Id, ds.Id, model.Known);
            foreach (var luid in model.Known.Where(l => !map.ContainsKey(l)))
            {
                Failures.Add($"session {session} {kind}: no map entry for the device's item {luid}");
            }

            var items = await uow.Items.GetAsync(ds.Id, map.Values.ToList());
            foreach (var (luid, (type, text)) in model.Content)
            {
                var stored = map.TryGetValue(luid, out var guid) ? items.FirstOrDefault(i => i.Id == guid) : null;
                if (stored == null || stored.Deleted)
                {
                    Failures.Add($"session {session} {kind}: the device's item {luid} is not stored");
                }
                else if (ItemMeaning.Of(kind, type, text) is not { } sent)
                {
                    if (Encoding.UTF8.GetString(stored.Content!) != text)
                    {
                        Failures.Add($"session {session} {kind}: SIF item {luid} not stored as sent");
                    }
                }
                else
                {
                    // Stored in the server's canonical form: everything of the latest version (the device's, or the
                    // server-side change) is there with its meaning; more only where the device cannot hold it (kept
                    // from the server copy, seed 000 §4.3 Field Level Change).
                    var differences = ItemMeaning.Differences(
                        sent, ItemMeaning.Of(kind, stored.ContentType, Encoding.UTF8.GetString(stored.Content!))!, mayBeExtra: line => !DeviceHolds(type, line.Field) || IsServerProdId(line));
                    if (differences.Count > 0)
                    {
                        Failures.Add($"session {session} {kind}: item {luid} not stored with its meaning: {string.Join(", ", differences)}");
                    }
                }
            }
        }
    }

    /// <summary>RFC 5545 §3.6: PRODID is required; the server writes its own when the device sent none.</summary>
    private static bool IsServerProdId(MeaningLine line) => line.Text.StartsWith("VCALENDAR/PRODID:", StringComparison.Ordinal);

    private static string Describe(SyncMLMessage m) =>
        string.Join(" ", m.Body.Commands.Select(c => c switch
        {
            StatusCommand s => $"St({s.CmdRef} {s.Cmd} {s.Code})",
            AlertCommand a => $"Alert[{a.Code}]",
            SyncCommand s => $"Sync{{{string.Join(" ", s.Commands.Select(n => n.ElementName))}}}",
            _ => c.ElementName,
        })) + (m.Body.Final ? " FINAL" : string.Empty);
}
