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

    public async Task<int> RunAsync()
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CofferMetrics.MeterName && instrument.Name == "coffer.sync.message.cpu")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => messageCpu += value);
        listener.Start();

        var dir = Path.Combine(Path.GetTempPath(), "coffer-syncbench-engine-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var store = new SqliteCofferStore(new StorageOptions { DataDir = dir }, TimeProvider.System);
            await store.InitializeAsync();
            var engine = new SyncEngine(store, ContentHandlers.CreateDefault(), new SyncServerOptions(), TimeProvider.System, NullLogger<SyncEngine>.Instance);
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
                await using (var uow = await store.BeginAsync())
                {
                    _ = await uow.Users.TryCreateAsync(user, PasswordHasher.Hash("secret", 1000)) ?? throw new InvalidOperationException($"account {user} exists");
                    await uow.CommitAsync();
                }

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
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>A well-behaved OMA DS 1.2 client that speaks to the engine directly (XML), acknowledging every command.</summary>
    private sealed class Phone(SyncEngine engine, string user, string deviceId)
    {
        private int msgId;
        private string? token;
        private string target = Endpoint;

        /// <summary>Slow sync sending <paramref name="cards"/>; returns how many Adds the server sent back.</summary>
        public async Task<int> SlowSyncAsync(IReadOnlyList<string> cards)
        {
            var first = NewMessage();
            first.Header.Cred = new Cred { Meta = new MetInf { Type = AuthTypes.Basic, Format = "b64" }, Data = BasicAuth.Encode(user, "secret") };
            first.Header.Meta = new MetInf { MaxMsgSize = 150_000, MaxObjSize = 4_000_000 };
            var put = new PutCommand { CmdID = "1", Meta = new MetInf { Type = "application/vnd.syncml-devinf+xml" } };
            put.Items.Add(new Item { Source = new SyncLocation("./devinf12"), Data = ItemData.FromElement(DevInfXml.Write(DevInf(), DevInfVersion.V12)) });
            var alert = new AlertCommand { CmdID = "2", Code = AlertCode.SlowSync };
            alert.Items.Add(new Item { Target = new SyncLocation("card"), Source = new SyncLocation("./contacts"), Meta = new MetInf { Anchor = new Anchor { Next = "1" } } });
            first.Body.Commands.Add(put);
            first.Body.Commands.Add(alert);
            first.Body.Final = true;
            var reply = await SendAsync(first);

            // Package 3: the phone's cards, PerMessage Adds per message; Final on the last.
            var sent = 0;
            do
            {
                var m = Answer(reply);
                var sync = new SyncCommand { CmdID = Next(m), Target = new SyncLocation("card"), Source = new SyncLocation("./contacts") };
                foreach (var card in cards.Skip(sent).Take(PerMessage))
                {
                    var add = new AddCommand { CmdID = Next(m), Meta = new MetInf { Type = "text/vcard" } };
                    add.Items.Add(new Item { Source = new SyncLocation("L" + sent.ToString(CultureInfo.InvariantCulture)), Data = ItemData.FromText(card) });
                    sync.Commands.Add(add);
                    sent++;
                }

                m.Body.Commands.Add(sync);
                m.Body.Final = sent >= cards.Count;
                reply = await SendAsync(m);
            }
            while (sent < cards.Count);

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
                var next = new AlertCommand { CmdID = Next(more), Code = AlertCode.NextMessage };
                next.Items.Add(new Item { Target = new SyncLocation(Endpoint), Source = new SyncLocation(deviceId) });
                more.Body.Commands.Add(next);
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

        private static string Next(SyncMLMessage m) => (m.Body.Commands.Count + 1).ToString(CultureInfo.InvariantCulture);

        private SyncMLMessage NewMessage()
        {
            var m = new SyncMLMessage();
            m.Header.VerDTD = "1.2";
            m.Header.VerProto = "SyncML/1.2";
            m.Header.SessionID = "1";
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
