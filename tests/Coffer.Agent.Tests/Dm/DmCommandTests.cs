using Coffer.Agent.Dm;
using Coffer.Agent.Runs;
using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Tests.Dm;

/// <summary><c>coffer-agent dm tree</c> and <c>dm session</c> in process: the tree printed, a session run against the scripted DM server, its exit codes.</summary>
public sealed class DmCommandTests : IDisposable
{
    private readonly DmProfileSample sample = new();

    public void Dispose() => sample.Dispose();

    [Fact]
    public async Task Tree_lists_the_nodes_and_session_answers_the_server_with_the_agents_exit_codes()
    {
        using var server = new ScriptedDmServer((_, message) => message.Body.Commands.OfType<AlertCommand>().Any(a => a.Code == DmAlertCode.ClientInitiatedMgmt)
            ? [ScriptedDmServer.WithTarget(new GetCommand(), "./Coffer/Backup/Settings/network.conf")]
            : null);
        var agent = new Agent(sample.Root, "phone");
        // The scripted server speaks XML only: the agent uses the representation of its DS setting (init --xml).
        await agent.InitOkAsync(server.Url, "alice", "pw", "--xml");
        Copy(sample.Filled("profile-source"), agent.Folder("profile"));

        var (tree, json) = await agent.RunJsonAsync("dm", "tree", "./Coffer/Backup/Settings");
        tree.ExitCode.ShouldBe(ExitCodes.Ok, tree.ToString());
        json.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("path").GetString()).ShouldBe(
            ["./Coffer/Backup/Settings", "./Coffer/Backup/Settings/binary.dat", "./Coffer/Backup/Settings/display%2Ftheme.ini", "./Coffer/Backup/Settings/network.conf"]);
        (await agent.RunAsync("dm", "tree", "./Nope")).ExitCode.ShouldBe(ExitCodes.Usage);

        var notEnrolled = await agent.RunAsync("dm", "session");
        notEnrolled.ExitCode.ShouldBe(ExitCodes.Usage, notEnrolled.ToString());
        notEnrolled.StdErr.ShouldContain("dm enroll");

        DmAgentSetup.AccountFile(new Config.AgentHome(agent.ConfigDir)).Save(server.Account());
        var session = await agent.RunAsync("dm", "session");
        session.ExitCode.ShouldBe(ExitCodes.Ok, session.ToString());
        session.StdOut.ShouldContain("1 Get");
        server.Results["./Coffer/Backup/Settings/network.conf"].Bytes.ShouldBe(File.ReadAllBytes(Path.Combine(agent.Folder("profile"), "settings", "network.conf")));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(agent.ConfigDir, "dm.json")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        server.CredSecret = "wrong";
        var refused = await agent.RunAsync("dm", "session");
        refused.ExitCode.ShouldBe(ExitCodes.ServerNotAuthenticated, refused.ToString());
        refused.StdErr.ShouldContain("failed authentication");
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
