using System.CommandLine;
using Coffer.Agent.Consent;
using Coffer.Agent.Dm;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Spectre.Console;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent dm enroll|session|tree</c>: the device's OMA DM account, a client-initiated management session now,
/// and the local management tree (docs/agent.md "Device management (OMA DM)").
/// </summary>
internal static class DmCommand
{
    public static Command Create(GlobalOptions global, bool interactive) =>
        new("dm", "OMA DM device management: enroll, a session with the server, the local management tree")
        {
            Enroll(global),
            Session(global, interactive),
            Tree(global),
        };

    private static Command Enroll(GlobalOptions global)
    {
        var command = new Command("enroll", "get this device's DM account from the server (replaces both secrets) into dm.json");
        var hmac = new Option<bool>("--hmac") { Description = "authenticate every DM session (listen's too) with HMAC-MD5 in the x-syncml-hmac HTTP header instead of auth-md5" };
        command.Options.Add(hmac);
        command.SetAction(async (pr, ct) =>
        {
            if (ConfiguredAgent.Load(pr, global) is not { } agent)
            {
                return ExitCodes.Usage;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            return await Guarded(agent.Output, "dm enroll", async () =>
            {
                var account = await DmEnrollment.EnrollAsync(http, agent.Config, agent.Password, ct) with { Hmac = pr.GetValue(hmac) };
                var file = DmAgentSetup.AccountFile(agent.Home);
                file.Save(account);
                if (agent.Output.Json)
                {
                    agent.Output.WriteJson(new { command = "dm enroll", account.ServerId, serverUrl = account.ServerUrl, account.ClientName, file = file.Path, exitCode = ExitCodes.Ok });
                }
                else
                {
                    agent.Output.Line($"dm enroll: {agent.Config.DeviceId} is {account.ClientName} for the DM server {account.ServerId} at {account.ServerUrl} ({file.Path})");
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Session(GlobalOptions global, bool interactive)
    {
        var consent = new ConsentOptions();
        var command = new Command("session", "a client-initiated DM session now: the server reads or restores the management tree");
        var hmac = new Option<bool>("--hmac") { Description = "authenticate with HMAC-MD5 in the x-syncml-hmac HTTP header instead of auth-md5 in the message (the default when enrolled with --hmac)" };
        var choose = new Option<string?>("--choose") { Description = "answer the server's single-choice questions (Alert 1103, e.g. what to restore) with the choice of this name instead of the default" };
        var label = new Option<string?>("--label") { Description = "answer the server's text questions (Alert 1102, e.g. the name of a backup started here) with this text instead of the default" };
        command.Options.Add(hmac);
        command.Options.Add(choose);
        command.Options.Add(label);
        consent.AddTo(command);
        command.SetAction(async (pr, ct) =>
        {
            if (ConfiguredAgent.Load(pr, global) is not { } agent)
            {
                return ExitCodes.Usage;
            }

            var file = DmAgentSetup.AccountFile(agent.Home);
            if (file.Load() is not { } account)
            {
                agent.Output.Error($"no DM account in {file.Path}: run coffer-agent dm enroll");
                return ExitCodes.Usage;
            }

            var connection = consent.ConnectionFor(pr, agent.Config);
            var ask = interactive && agent.Output.ErrorIsTerminal;
            var ui = new DmUserInteraction(connection, consent.PolicyFor(pr, agent.Config))
            {
                Confirm = ask ? ConsentPrompt.Ask : null,
                Display = text => agent.Output.Progress($"dm: {text}"),
                Choice = pr.GetValue(choose) is { } name ? (text, choices, fallback) => ChoiceNamed(agent.Output, name, text, choices, fallback) : null,
                TextInput = pr.GetValue(label) is { } typed ? (text, _) => Typed(agent.Output, text, typed) : null,
            };
            var tree = DmAgentSetup.Tree(agent.Home, agent.Config, agent.Password, account.ServerId, connection);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var client = new DmClient(tree, file, agent.Config.DeviceId, new HttpSyncTransport(http), CodecFor(agent.Config), ui) { Hmac = pr.GetValue(hmac) || account.Hmac };
            return await Guarded(agent.Output, "dm session", async () =>
            {
                var result = await client.RunAsync(null, ct);
                var code = result.Consent.Select(c => c.Answer switch
                {
                    ConsentAnswer.Reject => ExitCodes.Rejected,
                    ConsentAnswer.Defer => ExitCodes.Deferred,
                    _ => ExitCodes.Ok,
                }).DefaultIfEmpty(ExitCodes.Ok).Max();
                Report(agent.Output, result, code);
                return code;
            });
        });
        return command;
    }

    private static Command Tree(GlobalOptions global)
    {
        var path = new Argument<string>("PATH") { Description = "the node to list from (default ., the whole tree)", DefaultValueFactory = _ => "." };
        var command = new Command("tree", "print the local management tree: path, format, size, ACL") { path };
        command.SetAction(pr =>
        {
            if (ConfiguredAgent.Load(pr, global) is not { } agent)
            {
                return ExitCodes.Usage;
            }

            var serverId = DmAgentSetup.AccountFile(agent.Home).Load()?.ServerId ?? "coffer";
            var tree = DmAgentSetup.Tree(agent.Home, agent.Config, agent.Password, serverId, agent.Config.Connection);
            IReadOnlyList<DmNodeInfo> nodes;
            try
            {
                nodes = tree.List(pr.GetValue(path)!);
            }
            catch (DmCommandException e)
            {
                agent.Output.Error(e.Message);
                return ExitCodes.Usage;
            }

            if (agent.Output.Json)
            {
                agent.Output.WriteJson(new { command = "dm tree", nodes, exitCode = ExitCodes.Ok });
            }
            else
            {
                agent.Output.Table(["path", "format", "size", "acl"], [.. nodes.Select(n => new[] { n.Path, n.Format, n.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Acl })]);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The session a DM package 0 announced (<c>listen</c>), with no one to ask: its errors are printed, never thrown.</summary>
    public static async Task ServerInitiatedAsync(Output output, Config.AgentHome home, Config.AgentConfig config, string password, ConnectionKind connection, MeteredPolicy policy, HttpClient http, string sessionId, CancellationToken ct)
    {
        var file = DmAgentSetup.AccountFile(home);
        if (file.Load() is not { } account)
        {
            return;
        }

        var ui = new DmUserInteraction(connection, policy) { Display = text => output.Progress($"dm: {text}") };
        var client = new DmClient(DmAgentSetup.Tree(home, config, password, account.ServerId, connection), file, config.DeviceId, new HttpSyncTransport(http), CodecFor(config), ui) { Hmac = account.Hmac };
        await Guarded(output, "dm session", async () =>
        {
            var result = await client.RunAsync(sessionId, ct);
            Report(output, result, ExitCodes.Ok);
            return ExitCodes.Ok;
        });
    }

    private static string Typed(Output output, string text, string typed)
    {
        output.Progress($"dm: {text} {typed}");
        return typed;
    }

    /// <summary>The 1-based number of the choice named <paramref name="name"/>; the default when none is.</summary>
    private static int ChoiceNamed(Output output, string name, string text, IReadOnlyList<string> choices, int fallback)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i], name, StringComparison.OrdinalIgnoreCase))
            {
                output.Progress($"dm: {text} {choices[i]}");
                return i + 1;
            }
        }

        output.Progress($"dm: {text} no choice named \"{name}\" among {string.Join(", ", choices)}: {choices[fallback - 1]}");
        return fallback;
    }

    /// <summary>DM messages go in the representation the agent's DS sessions use (<c>init --xml</c> picks XML; OMA-TS-DM_RepPro-V1_2 §5 allows both).</summary>
    private static DmCodec CodecFor(Config.AgentConfig config) => config.Wbxml ? DmCodec.Wbxml : DmCodec.Xml;

    private static void Report(Output output, DmSessionResult result, int code)
    {
        if (output.Json)
        {
            output.WriteJson(new
            {
                command = "dm session",
                result.SessionId,
                result.Messages,
                result.Commands,
                result.Failed,
                consent = result.Consent.Select(c => new { c.Text, answer = c.Answer.ToString().ToLowerInvariant(), c.Status }),
                result.Aborted,
                exitCode = code,
            });
            return;
        }

        var commands = result.Commands.Count == 0 ? "no commands" : string.Join(", ", result.Commands.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));
        output.Line($"dm session {result.SessionId}: {result.Messages} messages, {commands}, {result.Failed} failed{(result.Aborted ? ", aborted by the server" : string.Empty)}");
        foreach (var decision in result.Consent)
        {
            output.Line($"dm session {result.SessionId}: consent {decision.Answer.ToString().ToLowerInvariant()} ({decision.Status}): {decision.Text}");
        }
    }

    /// <summary>The session's errors as the agent's exit codes (docs/agent.md "Exit codes").</summary>
    private static async Task<int> Guarded(Output output, string verb, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (AuthenticationFailedException e)
        {
            output.Error($"{verb}: {e.Message}");
            return ExitCodes.AuthenticationFailed;
        }
        catch (DmServerAuthenticationException e)
        {
            output.Error($"{verb}: {e.Message}");
            return ExitCodes.ServerNotAuthenticated;
        }
        catch (DmProtocolException e)
        {
            output.Error($"{verb}: {e.Message}");
            return ExitCodes.Protocol;
        }
        catch (HttpRequestException e)
        {
            output.Error($"{verb}: the server cannot be reached: {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            output.Error($"{verb}: the server did not answer in time");
            return ExitCodes.Unreachable;
        }
    }
}
