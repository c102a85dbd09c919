using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync;
using Coffer.Sync.Content;
using Coffer.Sync.Engine;
using Coffer.Sync.Metrics;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.DevInf;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.SyncBench;

/// <summary>
/// <c>coffer-syncbench engine</c>: the sync engine in process, without HTTP and without a real client, for tuning. Each
/// round a new account (all in one store, which grows by N a round) gets a slow sync of the same N cards from one phone (messages of 250 Adds, as SyncEvolution sends them at
/// maxMsgSize 150000), then a second, empty phone slow-syncs and receives all N (what SyncEvolution's
/// refresh-from-server does). The figure is the engine's own <c>coffer.sync.message.cpu</c> (process CPU while a
/// message is processed), per item. Accounts use a cheap password hash, so no PBKDF2 check is in the figures.
/// </summary>
internal sealed class EngineRun(int items, int rounds, IReadOnlyList<string> cards)
{
    private const string Endpoint = "http://127.0.0.1/sync";
    private const int PerMessage = 250;
    private double messageCpu;
    private double threadCpu;

    public Task<int> RunAsync() => WithEngineAsync(async (store, engine) =>
    {
        Console.WriteLine($"| round | store before (items) | slow sync µs/item | empty phone µs/item | wall s |");
        Console.WriteLine("|---|---|---|---|---|");
        if (cards.Count < items)
        {
            Console.Error.WriteLine($"coffer-syncbench: {items} items asked for, the item directory holds {cards.Count}");
            return 2;
        }

        for (var round = 1; round <= rounds; round++)
        {
            var user = "bench" + round.ToString(CultureInfo.InvariantCulture);
            await CreateAccountAsync(store, user);

            var wall = Stopwatch.StartNew();
            var before = messageCpu;
            var phone = new Phone(engine, user, "bench-a" + round.ToString(CultureInfo.InvariantCulture));
            await phone.SlowSyncAsync(cards.Take(items).ToList());
            var slow = (messageCpu - before) * 1e6 / items;

            before = messageCpu;
            var empty = new Phone(engine, user, "bench-b" + round.ToString(CultureInfo.InvariantCulture));
            var received = await empty.SlowSyncAsync([]);
            var refresh = (messageCpu - before) * 1e6 / items;
            if (received != items)
            {
                Console.Error.WriteLine($"coffer-syncbench: the empty phone received {received} items, expected {items}");
                return 1;
            }

            Console.WriteLine(FormattableString.Invariant($"| {round} | {(round - 1) * items} | {slow:F1} | {refresh:F1} | {wall.Elapsed.TotalSeconds:F1} |"));
        }

        return 0;
    });

    /// <summary>
    /// (b) in process: for each store size a new account is filled by a slow sync of that many cards, then
    /// <paramref name="rounds"/> two-way syncs of 15 changes (5 edits, 5 adds, 5 deletes, spread over the store) are
    /// measured, each as the engine's CPU for the whole session. <paramref name="cold"/>: each round starts with SQLite's
    /// connection pool cleared, so with empty page caches.
    /// </summary>
    public static async Task<int> TwoWayAsync(IReadOnlyList<int> sizes, int rounds, IReadOnlyList<string> cards, bool cold = false, bool evict = false)
    {
        if (cards.Count < sizes.Max() + (rounds * 5))
        {
            Console.Error.WriteLine($"coffer-syncbench: needs {sizes.Max() + (rounds * 5)} cards, the item directory holds {cards.Count}");
            return 2;
        }

        var run = new EngineRun(0, rounds, cards);
        return await run.TwoWayCoreAsync(sizes, cold, evict);
    }

    private Task<int> TwoWayCoreAsync(IReadOnlyList<int> sizes, bool cold, bool evict) => WithEngineAsync(async (store, engine) =>
    {
        var medians = new List<double>();
        var threadMedians = new List<double>();
        Func<Task>? betweenMessages = evict ? () => EvictAsync(store.DatabasePath) : null;
        Console.WriteLine("| store size | setup slow sync µs/item | two-way rounds: engine CPU ms | median ms | on the messages' threads ms | median ms | major page faults | KiB read from disk |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            var user = "twoway" + size.ToString(CultureInfo.InvariantCulture);
            await CreateAccountAsync(store, user);

            var phone = new Phone(engine, user, "bench-twoway-" + size.ToString(CultureInfo.InvariantCulture));
            var before = messageCpu;
            await phone.SlowSyncAsync(cards.Take(size).ToList());
            var setup = (messageCpu - before) * 1e6 / size;
            var times = new List<double>();
            var threadTimes = new List<double>();
            var faults = new List<long>();
            var readKiB = new List<long>();
            var nextCard = size;
            var live = Enumerable.Range(0, size).ToList();
            for (var round = 0; round < rounds; round++)
            {
                // Edits and deletes spread over the store (as cards.py change does), adds of cards it has not seen.
                var changes = new List<(Change, string, string?)>();
                var stride = live.Count / 10;
                for (var k = 0; k < 5; k++)
                {
                    var i = live[((2 * k * stride) + round) % live.Count];
                    changes.Add((Change.Replace, "L" + i.ToString(CultureInfo.InvariantCulture), cards[i].Replace("END:VCARD", $"NOTE:edited in round {round}\nEND:VCARD", StringComparison.Ordinal)));
                }

                for (var k = 0; k < 5; k++, nextCard++)
                {
                    changes.Add((Change.Add, "L" + nextCard.ToString(CultureInfo.InvariantCulture), cards[nextCard]));
                    live.Add(nextCard);
                }

                for (var k = 0; k < 5; k++)
                {
                    var at = (((2 * k) + 1) * stride + round) % live.Count;
                    changes.Add((Change.Delete, "L" + live[at].ToString(CultureInfo.InvariantCulture), null));
                    live.RemoveAt(at);
                }

                if (cold)
                {
                    // Every pooled connection closed: the round starts with empty SQLite page caches.
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                }

                before = messageCpu;
                var threadBefore = threadCpu;
                var ioBefore = Coffer.Server.Metrics.DiskReadCounters.Process() ?? default;
                await phone.SessionAsync(AlertCode.TwoWay, changes, betweenMessages);
                times.Add((messageCpu - before) * 1000);
                threadTimes.Add((threadCpu - threadBefore) * 1000);
                var ioAfter = Coffer.Server.Metrics.DiskReadCounters.Process() ?? default;
                faults.Add(ioAfter.MajorFaults - ioBefore.MajorFaults);
                readKiB.Add((ioAfter.SectorsRead - ioBefore.SectorsRead) / 2);
            }

            var median = times.Order().ElementAt(times.Count / 2);
            var threadMedian = threadTimes.Order().ElementAt(threadTimes.Count / 2);
            medians.Add(median);
            threadMedians.Add(threadMedian);
            static string Runs(List<double> v) => string.Join(' ', v.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)));
            Console.WriteLine(FormattableString.Invariant($"| {size} | {setup:F1} | {Runs(times)} | {median:F1} | {Runs(threadTimes)} | {threadMedian:F1} | {string.Join(' ', faults)} | {string.Join(' ', readKiB)} |"));
        }

        Console.WriteLine(FormattableString.Invariant($"ratio {sizes[^1]}/{sizes[0]} of the median: {medians[^1] / medians[0]:F2} (process CPU), {threadMedians[^1] / threadMedians[0]:F2} (the messages' threads)"));
        return 0;
    });

    /// <summary>
    /// Drops the store's files from the OS page cache (<c>sync</c>, then <c>dd iflag=nocache count=0</c> advises the kernel
    /// to let them go). Pages mapped by SQLite's memory map stay, as they do under the reclaim seen on the bench machine.
    /// </summary>
    private static async Task EvictAsync(string databasePath)
    {
        foreach (var file in new[] { databasePath, databasePath + "-wal" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            // Dirty pages cannot be dropped: write them back first (the server's idle minutes do that in the real bench).
            using (var sync = Process.Start(new ProcessStartInfo("sync", [file]) { UseShellExecute = false })
                ?? throw new InvalidOperationException("could not start sync"))
            {
                await sync.WaitForExitAsync();
            }

            using var dd = Process.Start(new ProcessStartInfo("dd", ["if=" + file, "iflag=nocache", "count=0", "status=none"]) { UseShellExecute = false })
                ?? throw new InvalidOperationException("could not start dd");
            await dd.WaitForExitAsync();
        }
    }

    /// <summary>Runs <paramref name="body"/> against a new store in a temporary directory (deleted after), measuring message CPU.</summary>
    private async Task<int> WithEngineAsync(Func<SqliteCofferStore, SyncEngine, Task<int>> body)
    {
        using var listener = Listen();
        var dir = Path.Combine(Path.GetTempPath(), "coffer-syncbench-engine-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var store = new SqliteCofferStore(new StorageOptions { DataDir = dir }, TimeProvider.System);
            await store.InitializeAsync();
            return await body(store, new SyncEngine(store, ContentHandlers.CreateDefault(), new SyncServerOptions(), TimeProvider.System, NullLogger<SyncEngine>.Instance, metrics: new CofferMetrics(null, new Coffer.Server.Metrics.LinuxThreadClock())));
        }
        finally
        {
            try
            {
                // COFFER_SYNCBENCH_KEEP=1 keeps the store for inspection (e.g. which tables own which pages, through SQLite's dbstat).
                if (Environment.GetEnvironmentVariable("COFFER_SYNCBENCH_KEEP") == "1")
                {
                    Console.Error.WriteLine($"coffer-syncbench: store kept in {dir}");
                }
                else
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>An account with a cheap password hash: the figures leave out the PBKDF2 check of a real account.</summary>
    private static async Task CreateAccountAsync(SqliteCofferStore store, string user)
    {
        await using var uow = await store.BeginAsync();
        _ = await uow.Users.TryCreateAsync(user, PasswordHasher.Hash("secret", 1000)) ?? throw new InvalidOperationException($"account {user} exists");
        await uow.CommitAsync();
    }

    private MeterListener Listen()
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CofferMetrics.MeterName && instrument.Name is "coffer.sync.message.cpu" or "coffer.sync.message.thread_cpu")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "coffer.sync.message.cpu")
            {
                messageCpu += value;
            }
            else
            {
                threadCpu += value;
            }
        });
        listener.Start();
        return listener;
    }

    internal enum Change
    {
        Add,
        Replace,
        Delete,
    }

    /// <summary>A well-behaved OMA DS 1.2 client that speaks to the engine directly (XML), acknowledging every command.</summary>
    private sealed class Phone(SyncEngine engine, string user, string deviceId)
    {
        private int session;
        private int msgId;
        private string? anchor;
        private string? token;
        private string target = Endpoint;

        /// <summary>Slow sync sending <paramref name="cards"/> (LUIDs L0, L1, ...); returns how many Adds the server sent back.</summary>
        public Task<int> SlowSyncAsync(IReadOnlyList<string> cards) =>
            SessionAsync(AlertCode.SlowSync, cards.Select((c, i) => (Change.Add, "L" + i.ToString(CultureInfo.InvariantCulture), (string?)c)).ToList());

        /// <summary>One session of <paramref name="code"/> (200 two-way, 201 slow) sending <paramref name="changes"/> in package 3.</summary>
        public async Task<int> SessionAsync(int code, IReadOnlyList<(Change Kind, string Luid, string? Data)> changes, Func<Task>? betweenMessages = null)
        {
            session++;
            msgId = 0;
            token = null;
            target = Endpoint;
            var first = NewMessage();
            first.Header.Cred = new Cred { Meta = new MetInf { Type = AuthTypes.Basic, Format = "b64" }, Data = BasicAuth.Encode(user, "secret") };
            first.Header.Meta = new MetInf { MaxMsgSize = 150_000, MaxObjSize = 4_000_000 };
            var put = new PutCommand { CmdID = "1", Meta = new MetInf { Type = "application/vnd.syncml-devinf+xml" } };
            put.Items.Add(new Item { Source = new SyncLocation("./devinf12"), Data = ItemData.FromElement(DevInfXml.Write(DevInf(), DevInfVersion.V12)) });
            var next = session.ToString(CultureInfo.InvariantCulture);
            var alert = new AlertCommand { CmdID = "2", Code = code };
            alert.Items.Add(new Item { Target = new SyncLocation("card"), Source = new SyncLocation("./contacts"), Meta = new MetInf { Anchor = new Anchor { Last = anchor, Next = next } } });
            first.Body.Commands.Add(put);
            first.Body.Commands.Add(alert);
            first.Body.Final = true;
            var reply = await SendAsync(first);
            var granted = reply.Body.Commands.OfType<AlertCommand>().FirstOrDefault(a => a.Code is >= 200 and <= 210)?.Code;
            if (granted != code)
            {
                throw new InvalidOperationException($"asked for sync type {code}, the engine answered {granted}");
            }

            if (betweenMessages != null)
            {
                await betweenMessages();
            }

            // Package 3: the phone's changes, PerMessage per message; Final on the last.
            var sent = 0;
            do
            {
                var m = Answer(reply);
                var sync = new SyncCommand { CmdID = Next(m), Target = new SyncLocation("card"), Source = new SyncLocation("./contacts") };
                foreach (var (kind, luid, data) in changes.Skip(sent).Take(PerMessage))
                {
                    ItemCommand command = kind switch { Change.Add => new AddCommand(), Change.Replace => new ReplaceCommand(), _ => new DeleteCommand() };
                    command.CmdID = (int.Parse(sync.CmdID!, CultureInfo.InvariantCulture) + sync.Commands.Count + 1).ToString(CultureInfo.InvariantCulture);
                    var item = new Item { Source = new SyncLocation(luid) };
                    if (data != null)
                    {
                        command.Meta = new MetInf { Type = "text/vcard" };
                        item.Data = ItemData.FromText(data);
                    }

                    command.Items.Add(item);
                    sync.Commands.Add(command);
                    sent++;
                }

                m.Body.Commands.Add(sync);
                m.Body.Final = sent >= changes.Count;
                reply = await SendAsync(m);
            }
            while (sent < changes.Count);

            // Package 4 (Alert 222 for each further message), then package 5: statuses and the Map.
            var received = new List<(string Luid, string Guid)>();
            while (true)
            {
                foreach (var add in reply.Body.Commands.OfType<SyncCommand>().SelectMany(s => s.Commands).OfType<AddCommand>())
                {
                    received.Add(("R" + received.Count.ToString(CultureInfo.InvariantCulture), add.Items[0].Source!.LocURI!));
                }

                if (reply.Body.Final)
                {
                    break;
                }

                var more = Answer(reply);
                var nextMessage = new AlertCommand { CmdID = Next(more), Code = AlertCode.NextMessage };
                nextMessage.Items.Add(new Item { Target = new SyncLocation(Endpoint), Source = new SyncLocation(deviceId) });
                more.Body.Commands.Add(nextMessage);
                reply = await SendAsync(more);
            }

            var last = Answer(reply);
            if (received.Count > 0)
            {
                var map = new MapCommand { CmdID = Next(last), Target = new SyncLocation("card"), Source = new SyncLocation("./contacts") };
                map.MapItems.AddRange(received.Select(r => new MapItem { Source = new SyncLocation(r.Luid), Target = new SyncLocation(r.Guid) }));
                last.Body.Commands.Add(map);
            }

            last.Body.Final = true;
            await SendAsync(last);
            anchor = next;
            return received.Count;
        }

        private static DeviceInfo DevInf()
        {
            // SyncEvolution's contacts datastore as it describes itself: vCard 3.0 preferred, one CTCap.
            var info = new DeviceInfo { VerDTD = "1.2", Man = "Coffer", Mod = "syncbench", DevID = "bench", DevTyp = "workstation", SupportNumberOfChanges = true };
            var store = new DataStore { SourceRef = "./contacts", RxPref = new ContentTypeRef("text/vcard", "3.0"), TxPref = new ContentTypeRef("text/vcard", "3.0"), SyncCap = ["1", "2", "7"] };
            var cap = new CTCap { CTType = "text/vcard", VerCT = "3.0" };
            foreach (var name in new[] { "BEGIN", "END", "VERSION", "REV", "PRODID", "UID", "N", "FN", "X-EVOLUTION-FILE-AS", "X-GENDER", "NICKNAME", "TITLE", "ORG", "ROLE", "TEL", "EMAIL", "URL", "X-MOZILLA-HTML", "ADR", "BDAY", "NOTE", "PHOTO", "GEO", "CATEGORIES" })
            {
                cap.Properties.Add(new Property { PropName = name });
            }

            store.CTCaps.Add(cap);
            info.DataStores.Add(store);
            return info;
        }

        // CmdIDs are unique within a message, nested commands included (OMA-TS-SyncML_RepPro-V1_2 §6.6.4): the engine
        // refuses a message that repeats one.
        private static string Next(SyncMLMessage m) =>
            (m.Body.Commands.Count + m.Body.Commands.OfType<ContainerCommand>().Sum(c => c.Commands.Count) + 1).ToString(CultureInfo.InvariantCulture);

        private SyncMLMessage NewMessage()
        {
            var m = new SyncMLMessage();
            m.Header.VerDTD = "1.2";
            m.Header.VerProto = "SyncML/1.2";
            m.Header.SessionID = session.ToString(CultureInfo.InvariantCulture);
            m.Header.MsgID = (++msgId).ToString(CultureInfo.InvariantCulture);
            m.Header.Target = new SyncLocation(target);
            m.Header.Source = new SyncLocation(deviceId);
            return m;
        }

        /// <summary>The next message, acknowledging every command of <paramref name="reply"/> (OMA-TS-SyncML_RepPro-V1_2 §5.4).</summary>
        private SyncMLMessage Answer(SyncMLMessage reply)
        {
            var m = NewMessage();
            var msgRef = reply.Header.MsgID!;
            void Status(string cmdRef, string cmd, int code, string? sourceRef = null)
            {
                var s = new StatusCommand { CmdID = Next(m), MsgRef = msgRef, CmdRef = cmdRef, Cmd = cmd, Code = code };
                if (sourceRef != null)
                {
                    s.SourceRefs.Add(sourceRef);
                }

                m.Body.Commands.Add(s);
            }

            Status("0", "SyncHdr", StatusCode.Ok);
            foreach (var command in reply.Body.Commands.Where(c => c is not StatusCommand))
            {
                Status(command.CmdID!, command.ElementName, StatusCode.Ok);
                if (command is SyncCommand sync)
                {
                    foreach (var item in sync.Commands.OfType<ItemCommand>())
                    {
                        Status(item.CmdID!, item.ElementName, item is AddCommand ? StatusCode.ItemAdded : StatusCode.Ok, item.Items[0].Source?.LocURI);
                    }
                }
            }

            return m;
        }

        private async Task<SyncMLMessage> SendAsync(SyncMLMessage message)
        {
            var response = await engine.HandleAsync(new SyncRequest(SyncMLXml.ToUtf8Bytes(message), SyncEngine.XmlContentType, token, Endpoint, "127.0.0.1"));
            if (response.HttpStatus != 200)
            {
                throw new InvalidOperationException($"the engine answered HTTP {response.HttpStatus}");
            }

            var reply = SyncMLXml.Parse(response.Body);
            var header = reply.Body.Commands.OfType<StatusCommand>().FirstOrDefault(s => s.Cmd == "SyncHdr");
            if (header is { Code: not (StatusCode.Ok or StatusCode.AuthenticationAccepted) })
            {
                throw new InvalidOperationException($"the engine refused the message: SyncHdr status {header.Code}");
            }

            if (reply.Header.RespURI is { } resp)
            {
                target = resp;
                var at = resp.IndexOf("s=", StringComparison.Ordinal);
                token = at < 0 ? token : Uri.UnescapeDataString(resp[(at + 2)..]);
            }

            return reply;
        }
    }
}
