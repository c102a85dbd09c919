using System.Runtime.Versioning;
using Coffer.SyncML;

namespace Coffer.Server.Tests.Security;

/// <summary>Finding 8: the data directory holds every user's data and the password hashes: it is the owner's alone.</summary>
[Collection(SecuritySuite.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class FileModeTests
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task WorldReadableData_AfterASync_DirectoryIs0700AndDatabaseFiles0600()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        await new SecurityClient(server.Client, "phone", "alice", "secret")
            .SyncAsync(AlertCode.SlowSync, SyncMessages.Add("L1", SyncMessages.VCard("Private Person")));

        File.GetUnixFileMode(server.DataDir).ShouldBe(Owner | UnixFileMode.UserExecute);
        File.Exists(Path.Combine(server.DataDir, "coffer.db")).ShouldBeTrue();
        foreach (var name in new[] { "coffer.db", "coffer.db-wal", "coffer.db-shm" })
        {
            var path = Path.Combine(server.DataDir, name);
            if (File.Exists(path))
            {
                File.GetUnixFileMode(path).ShouldBe(Owner, name);
            }
        }

        foreach (var path in Directory.EnumerateFileSystemEntries(server.DataDir, "*", SearchOption.AllDirectories))
        {
            var mode = File.GetUnixFileMode(path);
            (mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute))
                .ShouldBe(UnixFileMode.None, $"{Path.GetRelativePath(server.DataDir, path)} is {mode}");
        }
    }
}
