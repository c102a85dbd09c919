using System.CommandLine;
using Coffer.Agent.Cli;

namespace Coffer.Web.Tests;

/// <summary>
/// A device running <c>coffer-agent</c> in process (the executable's own command tree) against the web test server:
/// it backs up its data folder (mail Maildir, SMS .vmg files, photos and files trees) over SyncML as a phone would.
/// </summary>
public sealed class AgentDevice(WebServer server, string name)
{
    private readonly string root = Path.Combine(Path.GetDirectoryName(server.DataDir)!, "agent-" + name);
    private bool initialized;

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
        if (!initialized)
        {
            initialized = true;
            await RunOkAsync(password + "\n", "init", "--server", server.SyncUri.ToString(), "--user", user, "--device-id", "web-test-" + name, "--data", DataDir, "--password-stdin");
        }

        await RunOkAsync(string.Empty, "backup");
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
