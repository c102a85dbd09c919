using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Coffer.Agent.Runs;
using Coffer.Storage;
using Coffer.Sync.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Agent.Tests.Profile;

/// <summary>
/// The device profile (seed 004) backed up by one agent and restored by <c>coffer-agent profile restore</c> onto a
/// second agent of the same model, and onto one of another model and one with older firmware, against the real
/// server: settings, apps and certificates come back byte for byte with a usable private key, which the server never
/// holds in clear and no answer of the API shows; what is not portable is skipped with its reason.
/// </summary>
public sealed class ProfileRestoreTests : IAsyncLifetime
{
    private const string Password = "profile pw";
    private static readonly string[] Portable = ["certs/ca.der", "certs/vpn.pem", "media/ringtones/bell.ogg", "media/wallpapers/sea.jpg", "apps/notes.apk"];
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Same_model_gets_settings_apps_and_certificates_with_a_usable_key_never_in_clear_on_the_server()
    {
        var alice = await server.AddUserAsync("alice", Password);
        using var samples = new ProfileSamples();
        var old = await BackedUpAsync(samples);

        // The item on the server holds the certificate in clear and the key sealed.
        var library = server.App.Services.GetRequiredService<MediaLibrary>();
        var items = await library.ListAllAsync(alice.Id, DatastoreKind.Profile);
        items.Count.ShouldBe(10);
        items.ShouldAllBe(i => i.Name.StartsWith(old.DeviceId + "/", StringComparison.Ordinal));
        var vpn = (await library.ReadAllAsync(alice.Id, DatastoreKind.Profile, items.Single(i => i.Name.EndsWith("/certs/vpn.pem", StringComparison.Ordinal)).Id))!.Value.Content;
        var stored = Encoding.ASCII.GetString(vpn);
        stored.ShouldContain("-----BEGIN CERTIFICATE-----");
        stored.ShouldContain("-----BEGIN COFFER SEALED PRIVATE KEY-----");
        stored.ShouldNotContain("-----BEGIN PRIVATE KEY-----");
        stored.ShouldNotContain(samples.KeyBase64);

        var phone = new Agent(server.Root, "new-phone");
        await phone.InitOkAsync(server.SyncUrl, "alice", Password);
        ProfileSamples.Device(phone.Folder("profile"), "Acme", "X1", "2.0.1");
        var (restore, json) = await phone.RunJsonAsync("profile", "restore", "--from", old.DeviceId);
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        json.GetProperty("sameModel").GetBoolean().ShouldBeTrue();
        Paths(json, "skipped").ShouldBe(["device.json"]);

        foreach (var path in (string[])["settings/network.conf", "settings/display.ini", "apps/camera.apk", .. Portable])
        {
            File.ReadAllBytes(Path.Combine(phone.Folder("profile"), path)).ShouldBe(File.ReadAllBytes(Path.Combine(old.Folder("profile"), path)), path);
        }

        var apps = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(phone.Folder("profile"), "apps", "apps.json"))).RootElement.GetProperty("apps");
        apps.EnumerateArray().Select(a => (a.GetProperty("id").GetString(), a.GetProperty("version").GetString())).ShouldBe([("com.acme.camera", "5.1"), ("org.example.notes", "3.2.1")]);

        // The private key works: a signature made with the restored key verifies with the original certificate.
        using (var restored = X509Certificate2.CreateFromPemFile(Path.Combine(phone.Folder("profile"), "certs", "vpn.pem")))
        using (var restoredKey = restored.GetRSAPrivateKey())
        using (var publicKey = samples.Certificate.GetRSAPublicKey())
        {
            var data = "sign me"u8.ToArray();
            publicKey!.VerifyData(data, restoredKey!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).ShouldBeTrue();
        }

        // The new phone backs its profile up in turn: its own items, not matched with the old phone's equal files.
        var (backup, _) = await phone.RunJsonAsync("backup", "profile");
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        using var api = new ProfileApi(server, "alice", Password);
        var (status, body) = await api.GetAsync("/api/profiles");
        status.ShouldBe(200, body);
        body.ShouldNotContain(samples.KeyBase64);
        body.ShouldNotContain("COFFER SEALED", Case.Sensitive);
        body.ShouldNotContain(ProfileSamples.WifiSecret);
        var profiles = JsonDocument.Parse(body).RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("device").GetString()!);
        profiles.Keys.Order().ShouldBe([phone.DeviceId, old.DeviceId]);
        foreach (var profile in profiles.Values)
        {
            profile.GetProperty("model").GetString().ShouldBe("X1");
            profile.GetProperty("media").GetArrayLength().ShouldBe(2);
            profile.GetProperty("settings").EnumerateArray().SelectMany(s => s.GetProperty("keys").EnumerateArray().Select(k => k.GetString())).ShouldBe(["screen.brightness", "screen.timeout", "wifi.ssid", "wifi.psk"]);
            var vpnCert = profile.GetProperty("certificates").EnumerateArray().Single(c => c.GetProperty("path").GetString() == "certs/vpn.pem");
            vpnCert.GetProperty("subject").GetString().ShouldBe("CN=Old Phone VPN, O=Coffer Tests");
            vpnCert.GetProperty("sha256Fingerprint").GetString().ShouldBe(samples.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
            vpnCert.GetProperty("privateKey").GetString().ShouldBe("sealed");
            profile.GetProperty("certificates").EnumerateArray().Single(c => c.GetProperty("path").GetString() == "certs/ca.der").GetProperty("privateKey").GetString().ShouldBe("none");
        }

        (await server.CountLiveAsync(alice, DatastoreKind.Profile)).ShouldBe(20);

        // The old phone's profile never enters this device's folder, and the next backup deletes none of it.
        Directory.Exists(Path.Combine(phone.Folder("profile"), old.DeviceId)).ShouldBeFalse();
        var (next, nextJson) = await phone.RunJsonAsync("backup", "profile");
        next.ExitCode.ShouldBe(ExitCodes.Ok, next.ToString());
        (nextJson.GetProperty("datastores")[0].GetProperty("deleted").GetInt32(), nextJson.GetProperty("datastores")[0].GetProperty("sent").GetInt32()).ShouldBe((0, 0));
        (await server.CountLiveAsync(alice, DatastoreKind.Profile)).ShouldBe(20);
    }

    [Fact]
    public async Task Another_model_gets_what_is_portable_and_a_report_of_what_was_skipped()
    {
        await server.AddUserAsync("alice", Password);
        using var samples = new ProfileSamples();
        var old = await BackedUpAsync(samples);

        var tablet = new Agent(server.Root, "tablet");
        await tablet.InitOkAsync(server.SyncUrl, "alice", Password);
        ProfileSamples.Device(tablet.Folder("profile"), "Acme", "T9", "1.0");
        var (restore, json) = await tablet.RunJsonAsync("profile", "restore", "--from", old.DeviceId);
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        json.GetProperty("sameModel").GetBoolean().ShouldBeFalse();
        Paths(json, "restored").Order().ShouldBe([.. Portable.Append("apps/apps.json#org.example.notes").Order()]);
        var skipped = json.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("path").GetString()!, s => s.GetProperty("reason").GetString()!);
        skipped.Keys.Order().ShouldBe(["apps/apps.json#com.acme.camera", "apps/camera.apk", "device.json", "settings/display.ini", "settings/network.conf"]);
        skipped["settings/network.conf"].ShouldContain("Acme X1");
        skipped["settings/network.conf"].ShouldContain("Acme T9");
        skipped["apps/apps.json#com.acme.camera"].ShouldContain("model-specific");
        File.Exists(Path.Combine(tablet.Folder("profile"), "settings", "network.conf")).ShouldBeFalse();
        File.Exists(Path.Combine(tablet.Folder("profile"), "apps", "camera.apk")).ShouldBeFalse();
        File.ReadAllBytes(Path.Combine(tablet.Folder("profile"), "certs", "vpn.pem")).ShouldBe(File.ReadAllBytes(Path.Combine(old.Folder("profile"), "certs", "vpn.pem")));

        // The table says the same.
        var text = await tablet.RunAsync("profile", "restore", "--from", old.DeviceId);
        text.ExitCode.ShouldBe(ExitCodes.Ok, text.ToString());
        text.StdOut.ShouldContain("not the same model");
        text.StdOut.ShouldContain("skipped: settings are model-specific");

        // The same model on an older firmware: the settings of the newer one are named and skipped.
        var older = new Agent(server.Root, "older");
        await older.InitOkAsync(server.SyncUrl, "alice", Password);
        ProfileSamples.Device(older.Folder("profile"), "Acme", "X1", "2.0");
        var (olderRestore, olderJson) = await older.RunJsonAsync("profile", "restore", "--from", old.DeviceId);
        olderRestore.ExitCode.ShouldBe(ExitCodes.Ok, olderRestore.ToString());
        (olderJson.GetProperty("sameModel").GetBoolean(), olderJson.GetProperty("newerFirmware").GetBoolean()).ShouldBe((true, true));
        var olderSkipped = olderJson.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("path").GetString()!, s => s.GetProperty("reason").GetString()!);
        olderSkipped.Keys.Order().ShouldBe(["device.json", "settings/display.ini", "settings/network.conf"]);
        olderSkipped["settings/network.conf"].ShouldContain("firmware 2.0.1, newer than this device's 2.0");
    }

    private static IEnumerable<string> Paths(JsonElement report, string property) =>
        report.GetProperty(property).EnumerateArray().Select(e => e.GetProperty("path").GetString()!);

    private async Task<Agent> BackedUpAsync(ProfileSamples samples)
    {
        var old = new Agent(server.Root, "old-phone");
        await old.InitOkAsync(server.SyncUrl, "alice", Password);
        samples.Full(old.Folder("profile"));
        var (backup, json) = await old.RunJsonAsync("backup");
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        var profile = json.GetProperty("datastores").EnumerateArray().Single(d => d.GetProperty("datastore").GetString() == "profile");
        (profile.GetProperty("mode").GetString(), profile.GetProperty("sent").GetInt32()).ShouldBe(("slow", 10), backup.ToString());

        // Sealed the same way every time: nothing changed, nothing is sent again.
        var (again, againJson) = await old.RunJsonAsync("backup", "profile");
        again.ExitCode.ShouldBe(ExitCodes.Ok, again.ToString());
        againJson.GetProperty("datastores")[0].GetProperty("sent").GetInt32().ShouldBe(0);
        return old;
    }
}
