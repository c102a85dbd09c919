using Coffer.SyncML;
using Coffer.SyncML.Auth;

namespace Coffer.Dm.Tests;

/// <summary>
/// A DM client written for the tests: it speaks the wire protocol (every message goes through the XML codec both
/// ways) to the real engine, authenticates with auth-md5 over the server's nonce, checks the server's credential over
/// its own, answers Get / Add / Replace / Exec / Alert 1101 over a <see cref="TestTree"/>, and sends and takes large
/// objects in pieces when a value does not fit the server's MaxMsgSize. <paramref name="transport"/> carries one
/// message's XML (and the session token of the RespURI it goes to) and returns the reply's XML.
/// </summary>
public sealed class ScriptedDmClient(Func<byte[], string?, Task<byte[]>> transport, TestTree tree, string clientName, string clientSecret, string serverId, string serverSecret)
{
    public const string Endpoint = "http://127.0.0.1:1/dm";

    private readonly Queue<(string CmdRef, string Path, DmNode Node, int Offset)> pendingResults = new();
    private readonly List<byte> incoming = [];
    private string? serverNonce;
    private string? clientNonce;
    private int msgId;
    private int cmdId;

    /// <summary>The answer to Alert 1101: 200 establish, 214 defer, 304 reject.</summary>
    public int ConsentAnswer { get; set; } = StatusCode.Ok;

    /// <summary>The consent texts the server showed.</summary>
    public List<string> Prompts { get; } = [];

    /// <summary>How many Sequences the server sent (their commands are run in order).</summary>
    public int Sequences { get; private set; }

    /// <summary>How many Atomics the server sent.</summary>
    public int Atomics { get; private set; }

    /// <summary>The Status for a single choice (Alert 1103) and the number it carries (null: none, the default).</summary>
    public (int Status, string? Number) ChoiceAnswer { get; set; } = (200, null);

    /// <summary>The Status for a text input (Alert 1102) and the text it carries (null: none, the default).</summary>
    public (int Status, string? Text) TextAnswer { get; set; } = (200, null);

    /// <summary>The texts of the server's Alert 1102s.</summary>
    public List<string> TextQuestions { get; } = [];

    /// <summary>The choices of the server's Alert 1103s.</summary>
    public List<IReadOnlyList<string>> Choices { get; } = [];

    /// <summary>Answers every Atomic 406 (not supported) without running its commands.</summary>
    public bool RefuseAtomic { get; set; }

    /// <summary>An Exec inside an Atomic fails with 500: the Atomic is undone (507; 216 before it, 215 after it).</summary>
    public bool FailExecInAtomic { get; set; }

    /// <summary>The texts of the server's Alert 1100 (display).</summary>
    public List<string> Displays { get; } = [];

    /// <summary>The raw XML of the first message of the last session (to replay it).</summary>
    public byte[] FirstMessage { get; private set; } = [];

    /// <summary>The Status codes the server gave the client's SyncHdr, in order.</summary>
    public List<int> HeaderCodes { get; } = [];

    public int Messages { get; private set; }

    /// <summary>Has the server send this device a package 0; gives its SessionID.</summary>
    public Func<Task<string>>? PackageZero { get; init; }

    public string DevId => tree["./DevInfo/DevId"]!.Text;

    /// <summary>The server URL the header's Target names (the enrollment's serverUrl).</summary>
    public string ServerUrl { get; set; } = Endpoint;

    /// <summary>Runs a whole session; returns the last SyncHdr status (212 when it was accepted).</summary>
    public async Task<int> RunSessionAsync(int alert = 1201, string? sessionId = null)
    {
        // A server-initiated session answers the package 0 the server sent, with its SessionID (OMA-TS-DM_Notification-V1_2 §6).
        var session = sessionId ?? (alert == 1200 && PackageZero != null ? await PackageZero() : Guid.NewGuid().ToString("N")[..8]);
        string? token = null;
        var message = Start(session, alert);
        FirstMessage = SyncMLXml.ToUtf8Bytes(message);
        var ownNonce = clientNonce;
        var accepted = 0;
        for (var round = 0; round < 200; round++)
        {
            var reply = SyncMLXml.Parse(await transport(SyncMLXml.ToUtf8Bytes(message), token));
            Messages++;
            var header = reply.Body.Commands.OfType<StatusCommand>().First(s => s.CmdRef == "0");
            HeaderCodes.Add(header.Code);
            if (header.Chal?.Meta?.NextNonce is { } nonce)
            {
                serverNonce = nonce;
            }

            if (header.Code is 401 or 407)
            {
                return header.Code;
            }

            accepted = accepted == 0 ? header.Code : accepted;

            // The server's credential, over the nonce this client issued in the message it answers.
            reply.Header.Cred.ShouldNotBeNull();
            Md5Auth.Verify(reply.Header.Cred.Data!, serverId, serverSecret, Md5Auth.DecodeNonce(ownNonce)).ShouldBeTrue("the server proves who it is");
            token = reply.Header.RespURI is { } uri ? System.Web.HttpUtility.ParseQueryString(new Uri(uri).Query)["s"] : token;
            var commands = reply.Body.Commands.Where(c => c is not StatusCommand).ToList();
            if (commands.Count == 0 && reply.Body.Final && pendingResults.Count == 0)
            {
                return accepted;
            }

            message = Answer(reply, session, out ownNonce);
        }

        throw new InvalidOperationException("the session did not end");
    }

    /// <summary>A transport straight into the engine (each message through the XML codec both ways).</summary>
    public static Func<byte[], string?, Task<byte[]>> Direct(DmSessionEngine engine) => async (body, token) =>
        (await engine.HandleAsync(new DmRequest(SyncMLXml.Parse(body), token, Endpoint, "127.0.0.1") { Body = body })).Bytes;

    private SyncMLMessage Start(string session, int alert)
    {
        msgId = 0;
        cmdId = 0;
        var message = NewMessage(session);
        message.Header.Cred = new Cred
        {
            Meta = new MetInf { Type = "syncml:auth-md5", Format = "b64" },
            Data = Md5Auth.Compute(clientName, clientSecret, Md5Auth.DecodeNonce(serverNonce)),
        };
        message.Body.Commands.Add(new AlertCommand { CmdID = NextCmd(), Code = alert });
        var replace = new ReplaceCommand { CmdID = NextCmd() };
        foreach (var path in new[] { "./DevInfo/DevId", "./DevInfo/Man", "./DevInfo/Mod", "./DevInfo/DmV", "./DevInfo/Lang", "./DevDetail/Ext/Coffer/Connection" })
        {
            replace.Items.Add(new Item { Source = new SyncLocation(path), Meta = new MetInf { Format = "chr" }, Data = ItemData.FromText(tree[path]!.Text) });
        }

        message.Body.Commands.Add(replace);
        message.Body.Final = true;
        return message;
    }

    private SyncMLMessage Answer(SyncMLMessage reply, string session, out string ownNonce)
    {
        var message = NewMessage(session);
        var msgRef = reply.Header.MsgID;
        ownNonce = AuthNonce.Generate();
        clientNonce = ownNonce;
        Add(message, new StatusCommand { MsgRef = msgRef, CmdRef = "0", Cmd = "SyncHdr", Code = 212, Chal = new Chal { Meta = new MetInf { Type = "syncml:auth-md5", Format = "b64", NextNonce = ownNonce } } });
        var commands = new List<SyncMLCommand>();
        foreach (var command in reply.Body.Commands.Where(c => c is not StatusCommand))
        {
            if (command is SequenceCommand sequence)
            {
                Sequences++;
                Add(message, Status(msgRef, sequence, 200));
                commands.AddRange(sequence.Commands);
            }
            else
            {
                commands.Add(command);
            }
        }

        // This client executes an Atomic's commands as they come, unless it is told to refuse Atomics or to fail the
        // Exec inside one: then nothing of the Atomic is applied (as if rolled back, OMA-TS-DM_Protocol-V1_2 §6.6.3).
        foreach (var atomic in commands.OfType<AtomicCommand>().ToList())
        {
            Atomics++;
            var at = commands.IndexOf(atomic);
            commands.Remove(atomic);
            if (RefuseAtomic)
            {
                Add(message, Status(msgRef, atomic, 406));
            }
            else if (FailExecInAtomic && atomic.Commands.Any(c => c is ExecCommand))
            {
                Add(message, Status(msgRef, atomic, 507));
                var failed = false;
                foreach (var inner in atomic.Commands)
                {
                    var code = failed ? 215 : inner is ExecCommand ? 500 : 216;
                    failed |= inner is ExecCommand;
                    Add(message, Status(msgRef, inner, code));
                }
            }
            else
            {
                Add(message, Status(msgRef, atomic, 200));
                commands.InsertRange(at, atomic.Commands);
            }
        }

        foreach (var command in commands)
        {
            switch (command)
            {
                case AlertCommand { Code: 1101 } confirm:
                    Prompts.Add(confirm.Items.Last().Data!.Text!);
                    Add(message, Status(msgRef, confirm, ConsentAnswer));
                    break;
                case AlertCommand { Code: 1100 } display:
                    Displays.Add(display.Items.Last().Data!.Text!);
                    Add(message, Status(msgRef, display, 200));
                    break;
                case AlertCommand { Code: 1102 } input:
                    TextQuestions.Add(input.Items[1].Data!.Text!);
                    var typed = Status(msgRef, input, TextAnswer.Status);
                    if (TextAnswer.Text is { } text)
                    {
                        typed.Items.Add(new Item { Data = ItemData.FromText(text) });
                    }

                    Add(message, typed);
                    break;
                case AlertCommand { Code: 1103 } choice:
                    Choices.Add([.. choice.Items.Skip(2).Select(i => i.Data!.Text!)]);
                    var answer = Status(msgRef, choice, ChoiceAnswer.Status);
                    if (ChoiceAnswer.Number is { } number)
                    {
                        answer.Items.Add(new Item { Data = ItemData.FromText(number) });
                    }

                    Add(message, answer);
                    break;
                case AlertCommand alert:
                    Add(message, Status(msgRef, alert, 200));
                    break;
                case GetCommand get:
                    var path = get.Items[0].Target!.LocURI!;
                    if (!tree.Exists(path))
                    {
                        Add(message, Status(msgRef, get, 404));
                        break;
                    }

                    Add(message, Status(msgRef, get, 200));
                    var node = tree.IsInterior(path) ? new DmNode(path, "node", null, System.Text.Encoding.UTF8.GetBytes(tree.Children(path))) : tree[path]!;
                    pendingResults.Enqueue((get.CmdID!, path, node, 0));
                    break;
                case ExecCommand exec:
                    var target = exec.Items[0].Target!.LocURI!;
                    tree.Installed.Add(target);
                    Add(message, Status(msgRef, exec, 200));
                    break;
                case ItemCommand change:
                    Add(message, Status(msgRef, change, Apply(change)));
                    break;
            }
        }

        message.Body.Final = SendResults(message, msgRef, Budget(reply));
        return message;
    }

    private int Apply(ItemCommand change)
    {
        var item = change.Items[0];
        var path = item.Target!.LocURI!;
        var format = item.Meta?.Format ?? "chr";
        if (format == "node")
        {
            if (tree.Exists(path))
            {
                return 418;
            }

            tree.Interior(path);
            return 200;
        }

        var data = format == "b64" ? Convert.FromBase64String(item.Data?.Text ?? string.Empty) : System.Text.Encoding.UTF8.GetBytes(item.Data?.Text ?? string.Empty);
        incoming.AddRange(data);
        if (item.MoreData)
        {
            return 213;
        }

        var whole = incoming.ToArray();
        incoming.Clear();
        if (change is AddCommand && tree[path] != null)
        {
            return 418;
        }

        tree.Leaf(path, whole, format == "b64" ? "bin" : format);
        return change is AddCommand ? 201 : 200;
    }

    /// <summary>Puts Results into the message within <paramref name="budget"/>; false when a large object continues.</summary>
    private bool SendResults(SyncMLMessage message, string? msgRef, long budget)
    {
        long used = 600;
        while (pendingResults.Count > 0)
        {
            var (cmdRef, path, node, offset) = pendingResults.Peek();
            var binary = node.Format == "bin";
            var room = budget - used - 400;
            var rest = node.Data.Length - offset;
            var size = binary ? (rest + 2) / 3 * 4 : rest;
            if (size <= room || !binary)
            {
                pendingResults.Dequeue();
                Add(message, Results(msgRef, cmdRef, path, node, node.Data.AsSpan(offset).ToArray(), null, false));
                used += size + 200;
                continue;
            }

            if (used > 600)
            {
                return true;
            }

            var piece = (int)(room * 3 / 4);
            pendingResults.Dequeue();
            var last = rest <= piece;
            Add(message, Results(msgRef, cmdRef, path, node, node.Data.AsSpan(offset, Math.Min(piece, rest)).ToArray(), offset == 0 ? node.Data.Length : null, !last));
            if (!last)
            {
                pendingResults.Enqueue((cmdRef, path, node, offset + piece));
                return false;
            }

            return true;
        }

        return true;
    }

    private static long Budget(SyncMLMessage reply) => reply.Header.Meta?.MaxMsgSize ?? 1 << 20;

    private static ResultsCommand Results(string? msgRef, string cmdRef, string path, DmNode node, byte[] data, long? size, bool more)
    {
        var binary = node.Format == "bin";
        var results = new ResultsCommand { MsgRef = msgRef, CmdRef = cmdRef };
        results.Items.Add(new Item
        {
            Source = new SyncLocation(path),
            Meta = new MetInf { Format = binary ? "b64" : node.Format, Size = size },
            Data = ItemData.FromText(binary ? Convert.ToBase64String(data) : System.Text.Encoding.UTF8.GetString(data)),
            MoreData = more,
        });
        return results;
    }

    private static StatusCommand Status(string? msgRef, SyncMLCommand command, int code) =>
        new() { MsgRef = msgRef, CmdRef = command.CmdID, Cmd = command.ElementName, Code = code };

    private SyncMLMessage NewMessage(string session) => new()
    {
        Header = new SyncHdr
        {
            VerDTD = "1.2",
            VerProto = "DM/1.2",
            SessionID = session,
            MsgID = (++msgId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Target = new SyncLocation(ServerUrl),
            Source = new SyncLocation(DevId, clientName),
            Meta = new MetInf { MaxMsgSize = 1 << 20 },
        },
    };

    private void Add(SyncMLMessage message, SyncMLCommand command)
    {
        command.CmdID = NextCmd();
        message.Body.Commands.Add(command);
    }

    private string NextCmd() => (++cmdId).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
