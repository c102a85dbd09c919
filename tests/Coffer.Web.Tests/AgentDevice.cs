using System.CommandLine;
using Coffer.Agent.Cli;

namespace Coffer.Web.Tests;

/// <summary>
/// A device running <c>coffer-agent</c> in process (the executable's own command tree) against the web test server:
/// it backs up its data folder (mail Maildir, SMS .vmg files, photos and files trees) over SyncML as a phone would, and
/// listens for the server's notifications.
/// </summary>
public sealed class AgentDevice(WebServer server, string name)
{
    private readonly string root = Path.Combine(Path.GetDirectoryName(server.DataDir)!, "agent-" + name);
    private bool initialized;

    public string DeviceId => "web-test-" + name;

    public string DataDir => Path.Combine(root, "data");

    public string Folder(string datastore) => Path.Combine(DataDir, datastore);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> inside the datastore's folder.</summary>
    public string Put(string datastore, string path, byte[] content)
    {
        var full = Path.Combine(Folder(datastore), path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    /// <summary><c>coffer-agent init</c> then <c>coffer-agent backup</c>; both must succeed.</summary>
    public async Task BackupAsync(string user, string password)
    {
        await InitAsync(user, password);
        await RunOkAsync(string.Empty, "backup");
    }

    /// <summary><c>coffer-agent init</c> (once) with <paramref name="options"/>; it must succeed.</summary>
    public async Task InitAsync(string user, string password, params string[] options)
    {
        if (!initialized)
        {
            initialized = true;
            await RunOkAsync(password + "\n", ["init", "--server", server.SyncUri.ToString(), "--user", user, "--device-id", DeviceId, "--data", DataDir, "--password-stdin", .. options]);
        }
    }

    /// <summary>Runs <c>coffer-agent ARGS</c>: its exit code, and its stdout and stderr together.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var input = new StringReader(string.Empty);
        using var output = new StringWriter();
        var exitCode = await AgentCli.Create(input, interactive: false).Parse([.. args, "--config", Path.Combine(root, "config")])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }

    private async Task RunOkAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AgentCli.Create(input, interactive: false).Parse([.. args, "--config", Path.Combine(root, "config")])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        exitCode.ShouldBe(0, $"coffer-agent {string.Join(' ', args)}: {output}{error}");
    }
}
