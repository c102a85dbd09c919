using System.CommandLine;
using Coffer.Agent.Config;
using Coffer.Agent.Consent;
using Coffer.Agent.Profile;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Coffer.Agent.Sources;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>profile restore [--from DEVICE]</c>: receives the account's device profiles from the server (a restore of the
/// profile datastore, behind consent like any run) and applies one onto this device's profile folder, reporting what
/// was restored and what was skipped and why (docs/agent.md "Device profile").
/// </summary>
internal static class ProfileCommand
{
    public static Command Create(GlobalOptions global, bool interactive)
    {
        var from = new Option<string?>("--from") { Description = "the device id whose profile to restore (default: the only other device's, else this device's own)" };
        var consent = new ConsentOptions();
        var restore = new Command("restore", "set this device up from a device profile on the server: settings, apps and certificates onto the same model, what is portable onto another") { from };
        consent.AddTo(restore);
        restore.SetAction(async (pr, ct) =>
        {
            if (ConfiguredAgent.Load(pr, global) is not { } agent)
            {
                return ExitCodes.Usage;
            }

            var (output, home, config, password) = agent;
            var staging = new ProfileStaging(home.Path, config.DeviceId);
            staging.Prepare();
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var transfer = await output.WithProgressAsync(progress =>
                agent.Runner(pr, consent, interactive, http, progress).RunAsync(new RunRequest(RunMode.Restore, [ProfileLayout.Datastore], staging.Path), ct));
            if (transfer.ExitCode != ExitCodes.Ok)
            {
                RunReport.Write(output, transfer with { Command = "profile restore" });
                return transfer.ExitCode;
            }

            if (staging.Source(pr.GetValue(from), out var why) is not var (device, folder))
            {
                output.Error(why!);
                if (output.Json)
                {
                    output.WriteJson(new { command = "profile restore", error = why, devices = staging.Devices(), exitCode = ExitCodes.Usage });
                }

                return ExitCodes.Usage;
            }

            var report = new ProfileRestorer(new AgentFolders(home, config, password).Guard()).Apply(device, folder, Path.Combine(config.DataDir, ProfileLayout.Datastore));
            staging.Remove();
            ProfileReport.Write(output, report, transfer);
            return ExitCodes.Ok;
        });

        return new Command("profile", "the device profile: settings, applications, certificates, ring tones and wallpapers, firmware version") { restore };
    }
}
