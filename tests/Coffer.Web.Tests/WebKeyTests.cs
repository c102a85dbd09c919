using System.Net;

namespace Coffer.Web.Tests;

/// <summary>The keys behind the sign-in cookie are kept encrypted with the master key and survive a restart.</summary>
public sealed class WebKeyTests
{
    [Fact]
    public async Task The_cookie_keys_on_disk_are_encrypted_and_a_restarted_server_keeps_the_user_signed_in()
    {
        var first = await WebServer.StartAsync();
        await first.AddUserAsync("alice", "alice-pass");
        var dataDir = first.DataDir;
        var cookies = new CookieContainer();
        using (var client = new WebClient(first, cookies))
        {
            await client.SignInAsync("alice", "alice-pass");
        }

        await first.StopAsync();
        var keyFiles = Directory.GetFiles(Path.Combine(dataDir, "web-keys"), "*.xml");
        keyFiles.ShouldNotBeEmpty();
        foreach (var file in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(file);
            xml.ShouldContain("encryptedSecret", customMessage: file);
            xml.ShouldNotContain("unencrypted form", customMessage: file);
            xml.ShouldNotContain("<value>", customMessage: file);
        }

        await using var second = await WebServer.StartAtAsync(dataDir);
        using var again = new WebClient(second, cookies);
        using var page = await again.GetAsync("/settings");
        page.StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie of the first server opens the page on the restarted one");
    }
}
