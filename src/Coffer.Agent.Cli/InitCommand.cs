using System.CommandLine;
using Coffer.Agent.Config;
using Coffer.Agent.Consent;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Coffer.Agent.Sources;
using Coffer.SyncML.Auth;
using Spectre.Console;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent init</c>: records the server's sync URL, the account, the device id and the data folder in
/// config.json with the connection's cost and the consent policy, and the password in the credentials file (mode
/// 0600). Nothing is sent to the server.
/// </summary>
internal static class InitCommand
{
    public static Command Create(GlobalOptions global, TextReader input, bool interactive)
    {
        var server = new Option<string>("--server") { Description = "the server's sync URL, e.g. http://myhost:5000/sync", Required = true };
        var user = new Option<string>("--user") { Description = "the account name", Required = true };
        var deviceId = new Option<string?>("--device-id") { Description = "this device's id, unique per device (default: coffer-agent-HOSTNAME)" };
        var data = new Option<string?>("--data") { Description = "the folder holding contacts/, calendar/, tasks/ and notes/ (default ~/Coffer)" };
        var datastores = new Option<string[]>("--datastore") { Description = $"datastores to sync (repeatable; known: {string.Join(", ", Datastores.Names)}; default: contacts, calendar, tasks, notes, and mail, sms, photos, files when their folder exists)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "read the password from the first line of stdin" };
        var maxMsgSize = new Option<long>("--max-msg-size") { Description = "the largest SyncML message in bytes", DefaultValueFactory = _ => 4 * 1024 * 1024 };
        var xml = new Option<bool>("--xml") { Description = "send XML instead of WBXML (line ends of restored items become LF)" };
        var auth = new Option<string>("--auth") { Description = "syncml:auth-basic (basic, default) or syncml:auth-md5 (md5); basic switches to md5 by itself when the server asks", DefaultValueFactory = _ => "basic" };
        auth.AcceptOnlyFromAmong("basic", "md5");
        var sipServer = new Option<string?>("--sip-server") { Description = "the SIP control server for peer mode, HOST:PORT (default: the server URL's host, port 5060)" };
        var force = new Option<bool>("--force") { Description = "replace an existing configuration (the sync state is kept)" };
        var consent = new ConsentOptions();
        var init = new Command("init", "configure the agent: server, account, device id, data folder, password")
        {
            server, user, deviceId, data, datastores, passwordStdin, maxMsgSize, xml, auth, sipServer, force,
        };
        consent.AddTo(init);
        init.SetAction(pr =>
        {
            var io = pr.InvocationConfiguration;
            var output = new Output(io.Output, io.Error, pr.GetValue(global.Json));
            var home = new AgentHome(pr.GetValue(global.Config)!);
            if (home.IsInitialized && !pr.GetValue(force))
            {
                output.Error($"{home.Path} is configured already (--force replaces it)");
                return ExitCodes.Usage;
            }

            var chosen = pr.GetValue(datastores) ?? [];
            var unknown = chosen.Where(d => Datastores.Find(d) == null).ToList();
            if (unknown.Count > 0)
            {
                output.Error($"unknown datastore {string.Join(", ", unknown)} (known: {string.Join(", ", Datastores.Names)})");
                return ExitCodes.Usage;
            }

            var password = pr.GetValue(passwordStdin)
                ? input.ReadLine()
                : interactive ? AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret()) : null;
            if (string.IsNullOrEmpty(password))
            {
                output.Error("no password: give --password-stdin, or run init on a terminal");
                return ExitCodes.Usage;
            }

            if (!Uri.TryCreate(pr.GetValue(server), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                output.Error($"--server {pr.GetValue(server)} is not an http(s) URL");
                return ExitCodes.Usage;
            }

            if (pr.GetValue(maxMsgSize) < 4096)
            {
                output.Error("--max-msg-size must be at least 4096 bytes (the envelope and statuses need room beside the items)");
                return ExitCodes.Usage;
            }

            var config = new AgentConfig
            {
                ServerUrl = url,
                User = pr.GetValue(user)!,
                DeviceId = pr.GetValue(deviceId) ?? "coffer-agent-" + Environment.MachineName.ToLowerInvariant(),
                DataDir = Path.GetFullPath(pr.GetValue(data) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Coffer")),
                Datastores = [.. chosen.Select(d => Datastores.Find(d)!.Value.Info.Name)],
                MaxMsgSize = pr.GetValue(maxMsgSize),
                Wbxml = !pr.GetValue(xml),
                Connection = pr.GetValue(consent.Connection) ?? ConnectionKind.Unmetered,
                MeteredPolicy = pr.GetValue(consent.OnMetered) ?? MeteredPolicy.Ask,
                SipServer = pr.GetValue(sipServer),
            };
            home.Save(config, password);
            home.SaveAuth(new AuthState { Type = pr.GetValue(auth) == "md5" ? AuthTypes.Md5 : AuthTypes.Basic }, devInfDelivered: false);
            if (output.Json)
            {
                output.WriteJson(new { config = home.ConfigFile, credentials = home.CredentialsFile, config.ServerUrl, config.User, config.DeviceId, config.DataDir });
            }
            else
            {
                output.Line($"configured {config.User} at {config.ServerUrl} as device {config.DeviceId}; data in {config.DataDir}");
                output.Line($"config {home.ConfigFile}, password in {home.CredentialsFile} (mode 0600)");
            }

            return ExitCodes.Ok;
        });
        return init;
    }
}
