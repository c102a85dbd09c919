using Coffer.Agent.Consent;
using Coffer.Agent.Dm;
using Coffer.Agent.Protocol;
using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Tests.Dm;

/// <summary>
/// The DM client against a scripted DM server on loopback: a Get walk of the whole tree (large values in chunks), a
/// restore by Add/Replace/Exec into an empty profile giving the source's files, an Atomic rolled back, the confirm
/// alert answered by each consent policy, and a server with a wrong or replayed credential refused.
/// </summary>
public sealed class DmClientTests : IDisposable
{
    private readonly DmProfileSample sample = new();
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        sample.Dispose();
    }

    [Fact]
    public async Task A_get_walk_reads_every_node_of_the_tree_large_values_in_chunks()
    {
        var tree = sample.Tree(sample.Filled("source"));
        var visited = new HashSet<string>(StringComparer.Ordinal);
        using var server = new ScriptedDmServer((s, _) =>
        {
            if (visited.Count == 0)
            {
                visited.Add(".");
                return [ScriptedDmServer.WithTarget(new GetCommand(), ".")];
            }

            var gets = new List<SyncMLCommand>();
            foreach (var (uri, (format, bytes)) in s.Results.Where(r => r.Value.Format == DmFormat.Node).ToList())
            {
                if (visited.Add(uri + "/"))
                {
                    gets.AddRange(System.Text.Encoding.UTF8.GetString(bytes).Split('/', StringSplitOptions.RemoveEmptyEntries)
                        .Select(child => ScriptedDmServer.WithTarget(new GetCommand(), uri + "/" + child)));
                }
            }

            return gets;
        });

        var result = await Client(server, tree, maxMsgSize: 4096).RunAsync(null, CancellationToken.None);

        var expected = tree.List();
        server.Results.Keys.Order(StringComparer.Ordinal).ShouldBe(expected.Select(n => n.Path).Order(StringComparer.Ordinal));
        foreach (var node in expected)
        {
            var value = tree.Get(node.Path, ScriptedDmServer.ServerId);
            server.Results[node.Path].Bytes.ShouldBe(value.Data, node.Path);
        }

        server.Results["./Coffer/Backup/Media/Ringtones/ring%20one.mp3"].Bytes.Length.ShouldBe(5000);
        server.Received.Any(m => m.Body.Commands.OfType<ResultsCommand>().Any(r => r.Items.Any(i => i.MoreData))).ShouldBeTrue();
        server.Received.ShouldAllBe(m => m.Body.Commands.Count == 0 || System.Text.Encoding.UTF8.GetByteCount(SyncMLXml.ToXmlString(m, false)) <= 4096);
        result.Commands["Get"].ShouldBe(expected.Count);
        result.Failed.ShouldBe(0);

        // Package 1: the client-initiated Alert and the device information.
        var first = server.Received[0];
        first.Header.VerProto.ShouldBe("DM/1.2");
        first.Body.Commands.OfType<AlertCommand>().Single().Code.ShouldBe(DmAlertCode.ClientInitiatedMgmt);
        var devInfo = first.Body.Commands.OfType<ReplaceCommand>().Single().Items.ToDictionary(i => i.Source!.LocURI!, i => i.Data!.Text);
        devInfo["./DevInfo/Mod"].ShouldBe("N95");
        devInfo["./DevDetail/Ext/Coffer/Connection"].ShouldBe("roaming");
        server.RefusedCreds.ShouldBe(0);
    }

    [Fact]
    public async Task A_restore_by_add_replace_and_exec_gives_the_source_files_large_objects_in_chunks()
    {
        var source = sample.Filled("source");
        var from = sample.Tree(source);
        var target = sample.Empty("target");
        var to = sample.Tree(target, "phone-2");
        var present = to.List().Select(n => n.Path).ToHashSet(StringComparer.Ordinal);
        var nodes = from.List("./Coffer/Backup").Where(n => !present.Contains(n.Path) && !n.Path.Contains("/Operations", StringComparison.Ordinal)).ToList();
        var steps = new Queue<List<SyncMLCommand>>();
        var small = new SequenceCommand();
        var large = new List<List<SyncMLCommand>>();
        foreach (var node in nodes)
        {
            var value = from.Get(node.Path, ScriptedDmServer.ServerId);
            if (value.Data.Length <= 2000)
            {
                small.Commands.Add(ScriptedDmServer.Add(node.Path, value.Format, value.Data));
                continue;
            }

            // A value larger than the server's chunk goes as a large object: Size first, MoreData until the last.
            for (var offset = 0; offset < value.Data.Length; offset += 1998)
            {
                var chunk = value.Data.AsSpan(offset, Math.Min(1998, value.Data.Length - offset)).ToArray();
                var more = offset + chunk.Length < value.Data.Length;
                large.Add([ScriptedDmServer.Add(node.Path, value.Format, chunk, more, offset == 0 ? value.Data.Length : null)]);
            }
        }

        steps.Enqueue([small]);
        foreach (var step in large)
        {
            steps.Enqueue(step);
        }

        var replace = new ReplaceCommand();
        replace.Items.Add(ScriptedDmServer.Item("./Coffer/Backup/Settings/network.conf", DmFormat.Chr, from.Get("./Coffer/Backup/Settings/network.conf", ScriptedDmServer.ServerId).Data));
        var exec = new List<SyncMLCommand> { replace };
        exec.AddRange(from.Get("./Coffer/Backup/Apps", ScriptedDmServer.ServerId).AsText().Split('/')
            .Select(app => ScriptedDmServer.WithTarget(new ExecCommand(), $"./Coffer/Backup/Apps/{app}/Operations/Install")));
        steps.Enqueue(exec);
        using var server = new ScriptedDmServer((_, _) => steps.Count > 0 ? steps.Dequeue() : null);

        var result = await Client(server, to).RunAsync(null, CancellationToken.None);

        result.Failed.ShouldBe(0);
        server.Statuses.Where(s => s.Cmd is "Add" or "Replace" or "Exec" or "Sequence").ShouldAllBe(s => s.Code == StatusCode.Ok || s.Code == StatusCode.ChunkedItemAccepted);
        server.Statuses.Count(s => s.Code == StatusCode.ChunkedItemAccepted).ShouldBe(large.Count - 1);
        DmProfileSample.Files(target).ShouldBe(DmProfileSample.Files(source));
    }

    [Fact]
    public async Task An_atomic_with_a_failing_command_is_rolled_back_whole()
    {
        var profile = sample.Filled("a");
        var before = DmProfileSample.Files(profile);
        var atomic = new AtomicCommand();
        var replace = new ReplaceCommand();
        replace.Items.Add(ScriptedDmServer.Item("./Coffer/Backup/Settings/network.conf", DmFormat.Chr, "apn=changed\n"u8.ToArray()));
        atomic.Commands.Add(replace);
        atomic.Commands.Add(ScriptedDmServer.Add("./Coffer/Backup/Media/Wallpapers/new.jpg", DmFormat.Bin, [1, 2, 3]));
        atomic.Commands.Add(ScriptedDmServer.Add("./DevInfo/Man2", DmFormat.Chr, "x"u8.ToArray()));
        atomic.Commands.Add(ScriptedDmServer.WithTarget(new DeleteCommand(), "./Coffer/Backup/Certs/me.pem"));
        var steps = new Queue<List<SyncMLCommand>>([[atomic]]);
        using var server = new ScriptedDmServer((_, _) => steps.Count > 0 ? steps.Dequeue() : null);

        var result = await Client(server, sample.Tree(profile)).RunAsync(null, CancellationToken.None);

        DmProfileSample.Files(profile).ShouldBe(before);
        var codes = server.Statuses.Where(s => s.Cmd is "Atomic" or "Replace" or "Add" or "Delete").Select(s => (s.Cmd, s.Code)).ToList();
        codes.ShouldBe([("Atomic", StatusCode.AtomicFailed), ("Replace", StatusCode.AtomicRollBackOk), ("Add", StatusCode.AtomicRollBackOk), ("Add", StatusCode.PermissionDenied), ("Delete", StatusCode.NotExecuted)]);
        result.Failed.ShouldBe(1);
    }

    [Theory]
    [InlineData(ConnectionKind.Unmetered, MeteredPolicy.Deny, StatusCode.Ok)]
    [InlineData(ConnectionKind.Roaming, MeteredPolicy.Allow, StatusCode.Ok)]
    [InlineData(ConnectionKind.Roaming, MeteredPolicy.Deny, StatusCode.NotModified)]
    [InlineData(ConnectionKind.Metered, MeteredPolicy.Defer, StatusCode.OperationCancelled)]
    [InlineData(ConnectionKind.Roaming, MeteredPolicy.Ask, StatusCode.OperationCancelled)]
    public async Task The_confirm_alert_is_answered_by_the_consent_policy_and_inputs_by_their_defaults(ConnectionKind connection, MeteredPolicy policy, int expected)
    {
        var sent = false;
        using var server = new ScriptedDmServer((_, _) =>
        {
            if (sent)
            {
                return null;
            }

            sent = true;
            return
            [
                Alert(DmAlertCode.Confirm, "MINDT=0&MAXDT=30", "Back up about 12.0 MiB? You are roaming: charges may apply."),
                Alert(DmAlertCode.TextInput, "DR=kitchen&MAXLEN=5", "Name this backup"),
                Alert(DmAlertCode.SingleChoice, "DR=2", "Which?", "settings", "everything"),
                Alert(DmAlertCode.Display, "MINDT=1", "Backup starts"),
            ];
        });

        var result = await Client(server, sample.Tree(sample.Filled("a")), ui: new DmUserInteraction(connection, policy)).RunAsync("4711", CancellationToken.None);

        server.Received[0].Header.SessionID.ShouldBe("4711");
        server.Received[0].Body.Commands.OfType<AlertCommand>().Single().Code.ShouldBe(DmAlertCode.ServerInitiatedMgmt);
        var answers = server.Statuses.Where(s => s.Cmd == "Alert").ToList();
        answers.Select(s => s.Code).ShouldBe([expected, StatusCode.Ok, StatusCode.Ok, StatusCode.Ok]);
        answers[1].Items.Single().Data!.Text.ShouldBe("kitch");
        answers[2].Items.Single().Data!.Text.ShouldBe("2");
        result.Consent.Single().Status.ShouldBe(expected);
    }

    [Fact]
    public async Task A_server_with_a_wrong_or_replayed_credential_is_refused_with_401()
    {
        var tree = sample.Tree(sample.Filled("a"));
        using var server = new ScriptedDmServer((_, _) => null) { CredSecret = "not the server secret" };

        var wrong = await Should.ThrowAsync<DmServerAuthenticationException>(Client(server, tree).RunAsync(null, CancellationToken.None));
        wrong.Message.ShouldContain("failed authentication");
        server.Received.Last().Body.Commands.OfType<StatusCommand>().Single(s => s.CmdRef == "0").Code.ShouldBe(StatusCode.InvalidCredentials);

        // The right secret over a nonce the client has since replaced (a captured Cred played again) fails too.
        var file = new DmAccountFile(Path.Combine(sample.Root, "dm.json"));
        server.CredSecret = ScriptedDmServer.ServerSecret;
        server.Script = (_, message) => message.Body.Commands.OfType<AlertCommand>().Any(a => a.Code == DmAlertCode.ClientInitiatedMgmt)
            ? [ScriptedDmServer.WithTarget(new GetCommand(), "./DevInfo/Mod")]
            : null;
        await Client(server, tree, reuseAccount: true).RunAsync(null, CancellationToken.None);
        var used = server.ClientNonce;
        await Client(server, tree, reuseAccount: true).RunAsync(null, CancellationToken.None);
        server.ClientNonce = used;
        await Should.ThrowAsync<DmServerAuthenticationException>(Client(server, tree, reuseAccount: true).RunAsync(null, CancellationToken.None));
        file.Load()!.ClientNonce.ShouldNotBe(used);
    }

    [Fact]
    public async Task Wrong_client_credentials_end_in_authentication_failed()
    {
        var tree = sample.Tree(sample.Filled("a"));
        using var server = new ScriptedDmServer((_, _) => null);
        var file = new DmAccountFile(Path.Combine(sample.Root, "dm.json"));
        file.Save(server.Account() with { ClientSecret = "wrong" });

        var e = await Should.ThrowAsync<AuthenticationFailedException>(new DmClient(tree, file, "phone-1", new HttpSyncTransport(http), DmCodec.Xml, new DmUserInteraction(ConnectionKind.Unmetered, MeteredPolicy.Ask)).RunAsync(null, CancellationToken.None));

        e.Status.ShouldBe(StatusCode.InvalidCredentials);
        server.RefusedCreds.ShouldBe(2);
    }

    private static AlertCommand Alert(int code, params string[] items)
    {
        var alert = new AlertCommand { Code = code };
        alert.Items.AddRange(items.Select(text => new Item { Data = ItemData.FromText(text) }));
        return alert;
    }

    private DmClient Client(ScriptedDmServer server, DmTree tree, long maxMsgSize = 64 * 1024, DmUserInteraction? ui = null, bool reuseAccount = false)
    {
        var file = new DmAccountFile(Path.Combine(sample.Root, "dm.json"));
        if (!reuseAccount || file.Load() == null)
        {
            file.Save(server.Account());
        }

        return new DmClient(tree, file, "phone-1", new HttpSyncTransport(http), DmCodec.Xml, ui ?? new DmUserInteraction(ConnectionKind.Unmetered, MeteredPolicy.Ask)) { MaxMsgSize = maxMsgSize };
    }
}
