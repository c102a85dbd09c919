using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.SyncML.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Dm.Tests;

/// <summary>A real SQLite store in a temporary data directory, the real engine over it, and enrolled devices.</summary>
public sealed class DmTestServer : IAsyncDisposable
{
    public const string ServerId = "coffer-test";

    private DmTestServer(string dataDir, SqliteCofferStore store, FakeTimeProvider clock, DmServerOptions options)
    {
        DataDir = dataDir;
        Store = store;
        Clock = clock;
        Options = options;
        Engine = new DmSessionEngine(store, options, Throttle, clock);
    }

    public string DataDir { get; }

    public SqliteCofferStore Store { get; }

    public FakeTimeProvider Clock { get; }

    public DmServerOptions Options { get; }

    public RecordingThrottle Throttle { get; } = new();

    public DmSessionEngine Engine { get; }

    public long UserId { get; private set; }

    public static async Task<DmTestServer> StartAsync(int maxMsgSize = 4096)
    {
        var dir = Directory.CreateTempSubdirectory("coffer-dm-").FullName;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var store = new SqliteCofferStore(new StorageOptions { DataDir = dir, FlushEveryCommit = false }, clock);
        await store.InitializeAsync();
        var server = new DmTestServer(dir, store, clock, new DmServerOptions { ServerId = ServerId, MaxMsgSize = maxMsgSize });
        await using var uow = await store.BeginAsync();
        server.UserId = (await uow.Users.TryCreateAsync("alice", PasswordHasher.Hash("pw", 1000)))!.Id;
        await uow.CommitAsync();
        return server;
    }

    /// <summary>Enrolls a device with fresh secrets (as POST /api/devices/{device}/dm-account does) and gives its client.</summary>
    public async Task<(long Device, ScriptedDmClient Client, string ClientSecret, string ServerSecret)> EnrollAsync(TestTree tree)
    {
        var devId = tree["./DevInfo/DevId"]!.Text;
        var clientName = "dm-" + Guid.NewGuid().ToString("N")[..10];
        var clientSecret = AuthNonce.Generate(18);
        var serverSecret = AuthNonce.Generate(18);
        await using var uow = await Store.BeginAsync();
        var device = await uow.Devices.RegisterAccessAsync(UserId, devId);
        await uow.DmAccounts.SetAsync(UserId, device.Id, clientName, Md5Auth.CredentialHash(clientName, clientSecret), serverSecret);
        await uow.CommitAsync();
        var client = new ScriptedDmClient(ScriptedDmClient.Direct(Engine), tree, clientName, clientSecret, ServerId, serverSecret) { PackageZero = () => PackageZeroAsync(device.Id) };
        return (device.Id, client, clientSecret, serverSecret);
    }

    /// <summary>A package 0 for the device (as the job notifier sends it); gives the SessionID it carries.</summary>
    public async Task<string> PackageZeroAsync(long device)
    {
        var package = (await new DmPackageZero(Store, Options).BuildAsync(device, Coffer.SyncML.San.SanInitiator.Server))!;
        return Coffer.SyncML.Dm.DmNotificationCodec.Decode(package).SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<DmJob> AddJobAsync(long device, DmJobKind kind, long? snapshot = null)
    {
        await using var uow = await Store.BeginAsync();
        var job = await uow.DmJobs.CreateAsync(device, kind, snapshot);
        await uow.CommitAsync();
        return job;
    }

    public async Task<DmJob> JobAsync(long id)
    {
        await using var uow = await Store.BeginReadAsync();
        return (await uow.DmJobs.GetAsync(id))!;
    }

    public async Task<IReadOnlyList<DmSnapshot>> SnapshotsAsync(long device)
    {
        await using var uow = await Store.BeginReadAsync();
        return await uow.DmSnapshots.ListAsync(device);
    }

    public async Task<IReadOnlyList<DmNode>> TreeAsync(long snapshot)
    {
        await using var uow = await Store.BeginReadAsync();
        return DmTreeDocument.Read((await uow.DmSnapshots.GetTreeAsync(snapshot))!);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(DataDir, recursive: true);
    }
}
