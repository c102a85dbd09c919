using System.Text.Json;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Tests.Profile;

/// <summary>
/// The JSON API lists a device's profile as the agent backed it up, and its firmware version over time from the
/// kept versions of device.json, after two backups with a firmware update between them; another user sees none of it.
/// </summary>
public sealed class ProfileApiTests : IAsyncLifetime
{
    private const string Password = "profile api pw";
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_api_lists_the_profile_and_the_firmware_version_over_time()
    {
        await server.AddUserAsync("alice", Password);
        await server.AddUserAsync("bob", Password);
        var phone = new Agent(server.Root, "phone");
        await phone.InitOkAsync(server.SyncUrl, "alice", Password);
        using var samples = new ProfileSamples();
        samples.Full(phone.Folder("profile"), "X1", "2.0.1");
        (await phone.RunAsync("backup", "profile")).ExitCode.ShouldBe(ExitCodes.Ok);

        ProfileSamples.Device(phone.Folder("profile"), "Acme", "X1", "2.1.0");
        var (update, json) = await phone.RunJsonAsync("backup", "profile");
        update.ExitCode.ShouldBe(ExitCodes.Ok, update.ToString());
        json.GetProperty("datastores")[0].GetProperty("changed").GetInt32().ShouldBe(1);

        using var api = new ProfileApi(server, "alice", Password);
        var profile = await api.GetJsonAsync($"/api/profiles/{phone.DeviceId}");
        (profile.GetProperty("manufacturer").GetString(), profile.GetProperty("model").GetString(), profile.GetProperty("firmwareVersion").GetString()).ShouldBe(("Acme", "X1", "2.1.0"));
        profile.GetProperty("apps").EnumerateArray().Select(a => (a.GetProperty("id").GetString(), a.GetProperty("version").GetString(), a.GetProperty("packageSize").GetInt64()))
            .ShouldBe([("com.acme.camera", "5.1", 40_000L), ("org.example.notes", "3.2.1", 30_000L)]);
        profile.GetProperty("media").EnumerateArray().Select(m => (m.GetProperty("path").GetString(), m.GetProperty("kind").GetString()))
            .ShouldBe([("media/ringtones/bell.ogg", "ringtone"), ("media/wallpapers/sea.jpg", "wallpaper")]);

        var firmware = await api.GetJsonAsync($"/api/profiles/{phone.DeviceId}/firmware");
        firmware.EnumerateArray().Select(f => f.GetProperty("firmware").GetString()).ShouldBe(["2.0.1", "2.1.0"]);

        using var bob = new ProfileApi(server, "bob", Password);
        (await bob.GetJsonAsync("/api/profiles")).GetArrayLength().ShouldBe(0);
        (await bob.GetAsync($"/api/profiles/{phone.DeviceId}")).Status.ShouldBe(404);
        (await bob.GetAsync($"/api/profiles/{phone.DeviceId}/firmware")).Status.ShouldBe(404);
        (await api.GetAsync("/api/profiles/no-such-device")).Status.ShouldBe(404);

        var openapi = JsonDocument.Parse((await api.GetAsync("/openapi/v1.json")).Body).RootElement.GetProperty("paths");
        foreach (var path in (string[])["/api/profiles", "/api/profiles/{device}", "/api/profiles/{device}/firmware"])
        {
            openapi.TryGetProperty(path, out _).ShouldBeTrue(path);
        }
    }
}
