using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Notifications;
using Coffer.SyncML.San;

namespace Coffer.Sync.Tests.Notifications;

/// <summary>Packages #0 for a device of a real store: one sync per datastore it syncs, keyed by its own secret.</summary>
public sealed class DeviceAlertsTests : IAsyncLifetime
{
    private const string ServerId = "http://127.0.0.1:5000/sync";

    private readonly string dataDir = Directory.CreateTempSubdirectory("coffer-alerts-").FullName;
    private SqliteCofferStore store = null!;
    private long user;
    private long phone;
    private long laptop;

    public async Task InitializeAsync()
    {
        store = new SqliteCofferStore(new StorageOptions { DataDir = dataDir, FlushEveryCommit = false });
        await store.InitializeAsync();
        await using var uow = await store.BeginAsync();
        user = (await uow.Users.TryCreateAsync("alice", PasswordHasher.Hash("pw", 1000)))!.Id;
        phone = (await uow.Devices.RegisterAccessAsync(user, "IMEI:1")).Id;
        laptop = (await uow.Devices.RegisterAccessAsync(user, "laptop")).Id;
        foreach (var kind in new[] { DatastoreKind.Photos, DatastoreKind.Contacts, DatastoreKind.Events })
        {
            var datastore = await uow.Datastores.EnsureAsync(user, kind);
            await uow.SyncStates.SaveAsync(new SyncState(phone, datastore.Id, "1", null, "1", null, 0, 0, null, DateTimeOffset.UnixEpoch));
        }

        await uow.CommitAsync();
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Directory.Delete(dataDir, recursive: true);
    }

    [Theory]
    [InlineData(DeviceAlertKind.Sync, 206, 206, 207)]
    [InlineData(DeviceAlertKind.Backup, 207, 207, 207)]
    [InlineData(DeviceAlertKind.Restore, 210, 210, 210)]
    public async Task The_package_asks_each_datastore_for_the_type_the_alert_calls_for(DeviceAlertKind kind, int contacts, int events, int photos)
    {
        var alerts = new DeviceAlerts(store, ServerId);
        var password = (await alerts.IssueSecretAsync(user, phone))!;
        var package = (await alerts.BuildAsync(phone, kind, SanInitiator.Server))!;

        var message = SanCodec.Decode(package);
        message.ServerIdentifier.ShouldBe(ServerId);
        message.UiMode.ShouldBe(SanUiMode.Background);
        message.Syncs.Select(s => (s.ServerUri, s.SyncType)).ShouldBe([("card", contacts), ("cal", events), ("photos", photos)]);
        SanDigest.Verify(package, ServerId, password, []).ShouldBeTrue();
    }

    [Fact]
    public async Task A_restore_onto_a_device_that_never_synced_asks_for_every_datastore_of_the_account()
    {
        var alerts = new DeviceAlerts(store, ServerId);
        (await alerts.IssueSecretAsync(user, laptop)).ShouldNotBeNull();

        var restore = SanCodec.Decode((await alerts.BuildAsync(laptop, DeviceAlertKind.Restore, SanInitiator.User))!);

        restore.Syncs.Select(s => (s.ServerUri, s.SyncType)).ShouldBe([("card", 210), ("cal", 210), ("photos", 210)]);
        (await alerts.BuildAsync(laptop, DeviceAlertKind.Backup, SanInitiator.User)).ShouldBeNull("a backup of nothing synced names nothing");
    }

    [Fact]
    public async Task The_digest_fails_with_another_devices_secret_and_with_a_replaced_one()
    {
        var alerts = new DeviceAlerts(store, ServerId);
        var first = (await alerts.IssueSecretAsync(user, phone))!;
        var other = (await alerts.IssueSecretAsync(user, laptop))!;
        var second = (await alerts.IssueSecretAsync(user, phone))!;
        var package = (await alerts.BuildAsync(phone, DeviceAlertKind.Sync, SanInitiator.Server))!;

        SanDigest.Verify(package, ServerId, second, []).ShouldBeTrue();
        SanDigest.Verify(package, ServerId, first, []).ShouldBeFalse();
        SanDigest.Verify(package, ServerId, other, []).ShouldBeFalse();
        (await alerts.BuildAsync(laptop, DeviceAlertKind.Sync, SanInitiator.Server)).ShouldBeNull("the laptop syncs nothing yet");
        (await alerts.IssueSecretAsync(user + 1, phone)).ShouldBeNull("only the device's own user gets its secret");
    }

    [Fact]
    public async Task The_secret_is_not_stored_in_clear()
    {
        var password = (await new DeviceAlerts(store, ServerId).IssueSecretAsync(user, phone))!;
        var secret = Convert.FromBase64String(password);
        await store.DisposeAsync();
        foreach (var file in Directory.GetFiles(dataDir, "*", SearchOption.AllDirectories))
        {
            (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(secret).ShouldBe(-1, file);
        }

        store = new SqliteCofferStore(new StorageOptions { DataDir = dataDir, FlushEveryCommit = false });
    }
}
