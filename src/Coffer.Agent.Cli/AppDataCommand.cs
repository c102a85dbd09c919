using System.CommandLine;
using Coffer.Agent.AppData;
using Coffer.Agent.Config;
using Coffer.Agent.Runs;
using Coffer.Formats.AppData;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent appdata mode PATTERN MODE</c> and <c>appdata modes</c>: the per-file backup modes of app data files
/// (docs/agent.md "App data", "Modes"), kept in config.json; the first rule whose pattern matches a file wins.
/// </summary>
internal static class AppDataCommand
{
    public static Command Create(GlobalOptions global)
    {
        var appdata = new Command("appdata", "app data files: choose per file how they are backed up (incremental, differential, history)")
        {
            SetMode(global),
            ListModes(global),
        };
        return appdata;
    }

    private static Command SetMode(GlobalOptions global)
    {
        var pattern = new Argument<string>("pattern") { Description = "files of the appdata folder, by path: * any characters (/ too), ? one" };
        var mode = new Argument<string?>("mode") { Description = "incremental (default), differential or history", Arity = ArgumentArity.ZeroOrOne };
        var remove = new Option<bool>("--remove") { Description = "remove the rule for this pattern" };
        var fullEvery = new Option<int?>("--full-every") { Description = "in differential mode, the differentials sent after a full before the next full (all files)" };
        var command = new Command("mode", "set the backup mode of the app data files matching a pattern") { pattern, mode, remove, fullEvery };
        command.SetAction(pr =>
        {
            var io = pr.InvocationConfiguration;
            var output = new Output(io.Output, io.Error, pr.GetValue(global.Json));
            var home = new AgentHome(pr.GetValue(global.Config)!);
            var (name, removing) = (pr.GetValue(mode), pr.GetValue(remove));
            var parsed = AppDataModes.Parse(name);
            if (removing == (name != null) || (name != null && parsed == null))
            {
                output.Error("appdata mode: give a mode (incremental, differential or history), or --remove");
                return ExitCodes.Usage;
            }

            try
            {
                var (config, password) = home.Load();
                var rules = config.AppDataModes.ToList();
                var key = pr.GetValue(pattern)!;
                var at = rules.FindIndex(r => r.Pattern == key);
                if (removing)
                {
                    rules.RemoveAll(r => r.Pattern == key);
                }
                else if (at >= 0)
                {
                    rules[at] = new AppDataModeRule(key, AppDataModes.Name(parsed!.Value));
                }
                else
                {
                    rules.Add(new AppDataModeRule(key, AppDataModes.Name(parsed!.Value)));
                }

                config = config with { AppDataModes = rules, DifferentialFullEvery = pr.GetValue(fullEvery) ?? config.DifferentialFullEvery };
                home.Save(config, password);
                return Print(output, config);
            }
            catch (AgentConfigException ex)
            {
                output.Error(ex.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static Command ListModes(GlobalOptions global)
    {
        var command = new Command("modes", "list the backup mode rules of app data files, first match wins");
        command.SetAction(pr =>
        {
            var io = pr.InvocationConfiguration;
            var output = new Output(io.Output, io.Error, pr.GetValue(global.Json));
            try
            {
                return Print(output, new AgentHome(pr.GetValue(global.Config)!).Load().Config);
            }
            catch (AgentConfigException ex)
            {
                output.Error(ex.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static int Print(Output output, AgentConfig config)
    {
        if (output.Json)
        {
            output.WriteJson(new { rules = config.AppDataModes, differentialFullEvery = config.DifferentialFullEvery });
            return ExitCodes.Ok;
        }

        output.Table(["pattern", "mode"], [.. config.AppDataModes.Select(r => new[] { r.Pattern, r.Mode })]);
        output.Line(FormattableString.Invariant($"other files: incremental; differential: a full after {config.DifferentialFullEvery} differentials"));
        return ExitCodes.Ok;
    }
}
