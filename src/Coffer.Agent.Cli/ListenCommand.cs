using System.CommandLine;
using Coffer.Agent.Config;
using Coffer.Agent.Consent;
using Coffer.Agent.Notifications;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent listen</c>: waits for the server's notifications (HTTP push, long polling) and runs the syncs each
/// verified one asks for, behind the consent policy with no one to ask (a metered run is deferred unless
/// <c>--on-metered</c> says otherwise); <c>--once</c> polls once and exits.
/// </summary>
internal static class ListenCommand
{
    public static Command Create(GlobalOptions global)
    {
        var wait = new Option<int>("--wait") { Description = "seconds each long poll waits for a notification (the server caps it)", DefaultValueFactory = _ => 55 };
        var once = new Option<bool>("--once") { Description = "one poll, then exit (after the runs it asked for)" };
        var consent = new ConsentOptions();
        var command = new Command("listen", "wait for the server's notifications and run the syncs they ask for") { wait, once };
        consent.AddTo(command);
        command.SetAction(async (pr, ct) =>
        {
            var io = pr.InvocationConfiguration;
            var output = new Output(io.Output, io.Error, pr.GetValue(global.Json));
            var home = new AgentHome(pr.GetValue(global.Config)!);
            AgentConfig config;
            string password;
            try
            {
                (config, password) = home.Load();
            }
            catch (AgentConfigException ex)
            {
                output.Error(ex.Message);
                return ExitCodes.Usage;
            }

            var poll = TimeSpan.FromSeconds(Math.Max(0, pr.GetValue(wait)));
            using var http = new HttpClient { Timeout = poll + TimeSpan.FromMinutes(5) };
            var runner = ConsentedRunner.For(
                home,
                config,
                password,
                new HttpSyncTransport(http),
                new PlainRunProgress(io.Error, TimeProvider.System, TimeSpan.FromSeconds(30)),
                consent.ConnectionFor(pr, config),
                consent.PolicyFor(pr, config),
                null,
                TimeProvider.System);
            var listener = new NotificationListener(http, home, config, password, runner.RunAsync, io.Error)
            {
                DmSession = (n, token) => DmCommand.ServerInitiatedAsync(output, home, config, password, consent.ConnectionFor(pr, config), consent.PolicyFor(pr, config), http, n.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture), token),
            };
            try
            {
                if (await listener.EnsureSecretAsync(ct) is not { } secret)
                {
                    return ExitCodes.Usage;
                }

                output.Progress($"listen: waiting for notifications to {config.DeviceId}");
                do
                {
                    foreach (var summary in await listener.PollOnceAsync(secret, poll, ct))
                    {
                        RunReport.Write(output, summary);
                    }
                }
                while (!pr.GetValue(once));

                return ExitCodes.Ok;
            }
            catch (HttpRequestException ex)
            {
                output.Error($"listen: {ex.Message}");
                return ExitCodes.Unreachable;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
