using System.CommandLine;
using System.Text.Json;
using Coffer.Agent.Cli;

namespace Coffer.Agent.Tests;

/// <summary>
/// One device running <c>coffer-agent</c> in process, through the same command tree as the executable: its own
/// configuration directory and data folder.
/// </summary>
public sealed class Agent(string root, string name)
{
    public string ConfigDir { get; } = Path.Combine(root, name, "config");

    public string DataDir { get; } = Path.Combine(root, name, "data");

    public string DeviceId => "agent-" + name;

    /// <summary>The clock <c>schedule</c> runs on (default the system's).</summary>
    public TimeProvider? Clock { get; init; }

    public Task<AgentCliResult> InitAsync(Uri server, string user, string password, params string[] extra) =>
        RunAsync(password + "\n", ["init", "--server", server.ToString(), "--user", user, "--device-id", DeviceId, "--data", DataDir, "--password-stdin", .. extra], ConfigDir);

    public async Task InitOkAsync(Uri server, string user, string password, params string[] extra)
    {
        var init = await InitAsync(server, user, password, extra);
        init.ExitCode.ShouldBe(0, init.ToString());
    }

    public Task<AgentCliResult> RunAsync(params string[] args) => RunAsync(string.Empty, args, ConfigDir);

    /// <summary>Runs a verb with --json and returns the parsed summary too.</summary>
    public async Task<(AgentCliResult Result, JsonElement Json)> RunJsonAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--json"]);
        var json = result.StdOut.Length > 0 ? JsonDocument.Parse(result.StdOut).RootElement : default;
        return (result, json);
    }

    public string Folder(string datastore) => Path.Combine(DataDir, datastore);

    private async Task<AgentCliResult> RunAsync(string stdin, string[] args, string configDir)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AgentCli.Create(input, interactive: false, Clock).Parse([.. args, "--config", configDir]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new AgentCliResult(exitCode, output.ToString(), error.ToString());
    }
}
