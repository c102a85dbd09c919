using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Coffer.Agent.Peer;

namespace Coffer.Agent.Tests.Peer;

/// <summary>
/// Two agents with their own folders and state directories: the invited one serves on 127.0.0.2, the inviting one
/// connects from 127.0.0.3 (Linux routes all of 127/8 to the loopback interface).
/// </summary>
public sealed partial class PeerPair : IDisposable
{
    public static readonly IPAddress ServerAddress = IPAddress.Parse("127.0.0.2");
    public static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.3");

    private readonly string root = Directory.CreateTempSubdirectory("coffer-peer-").FullName;

    public PeerPair()
    {
        Invited = new PeerSide(Path.Combine(root, "a-state"), Path.Combine(root, "a-data"), "agent-a");
        Inviting = new PeerSide(Path.Combine(root, "b-state"), Path.Combine(root, "b-data"), "agent-b");
    }

    public PeerSide Invited { get; }

    public PeerSide Inviting { get; }

    public string InvitedContacts => Path.Combine(Invited.DataDir, "contacts");

    public string InvitingContacts => Path.Combine(Inviting.DataDir, "contacts");

    public static string NewSecret() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>Starts the invited agent's session on 127.0.0.2 (any port) for peer 127.0.0.3.</summary>
    public Task<PeerSyncSession> ServeAsync(string secret, IProgress<PeerSyncProgress>? progress = null, string datastore = "contacts") =>
        new PeerSyncServer(Invited).StartAsync(new IPEndPoint(ServerAddress, 0), datastore, secret, ClientAddress, progress, CancellationToken.None);

    public Task<PeerSyncResult> SyncAsync(Uri url, string secret, IProgress<PeerSyncProgress>? progress = null, CancellationToken ct = default, IPAddress? from = null, string datastore = "contacts") =>
        new PeerSyncClient(Inviting) { LocalAddress = from ?? ClientAddress }.RunAsync(url, Invited.DeviceId, datastore, secret, progress, ct);

    /// <summary>One complete session: serve, sync, wait for the invited side's outcome.</summary>
    public async Task<(PeerSyncResult Invited, PeerSyncResult Inviting)> RoundAsync(ProgressLog? invited = null, ProgressLog? inviting = null, string datastore = "contacts")
    {
        var secret = NewSecret();
        await using var session = await ServeAsync(secret, invited, datastore);
        var client = await SyncAsync(session.Url, secret, inviting, datastore: datastore);
        var server = await session.Completion;
        return (server, client);
    }

    /// <summary>The FN of every contact file in the folder, sorted (one entry per file, so duplicates show).</summary>
    public static List<string> Names(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFiles(folder, "*.vcf").Select(f => FnLine().Match(File.ReadAllText(f)).Groups[1].Value.Trim()).Order(StringComparer.Ordinal)]
        : [];

    /// <summary>The text of the file of the folder whose FN is <paramref name="fn"/>.</summary>
    public static string FileOf(string folder, string fn) =>
        Directory.EnumerateFiles(folder, "*.vcf").Single(f => FnLine().Match(File.ReadAllText(f)).Groups[1].Value.Trim() == fn);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [GeneratedRegex(@"^FN:(.*)$", RegexOptions.Multiline)]
    private static partial Regex FnLine();
}
