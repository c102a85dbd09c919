using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Interop.Tests.Harness;
using Coffer.Server.Sip;
using Coffer.TestData;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Interop.Tests.Sip;

/// <summary>
/// Debian's baresip against the SIP control server (issue 19, "Must show"): it registers with digest authentication
/// and is listed online by /api/peers, it drops off after its Expires without a refresh, and a wrong password gets 401
/// again until the failed-login limiter answers for the account.
/// </summary>
[Trait("Category", "Interop")]
public sealed class BaresipRegistrationTests
{
    private const string Password = "sip-and-sync";

    [Fact]
    public async Task Baresip_registers_with_digest_is_listed_online_and_drops_off_after_its_expires()
    {
        await using var server = await CofferServer.StartAsync(Microsoft.Extensions.Logging.LogLevel.Debug);
        await server.AddUserAsync("alice", Password);
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;

        Device[] online;
        using (var baresip = Baresip.Start(udp, "alice", Password, registrationInterval: 12))
        {
            await PollAsync(() => BindingCountAsync(server), count => count == 1, TimeSpan.FromSeconds(30));
            online = await PeersAsync(server, "alice");
            online.Length.ShouldBe(1, server.Log);
            online.ShouldHaveSingleItem().Address.ShouldStartWith("UDP 127.0.0.1:");

            // Killed, so it neither refreshes nor unregisters.
            baresip.Kill();
        }

        await PollAsync(() => BindingCountAsync(server), count => count == 0, TimeSpan.FromSeconds(30));
        (await PeersAsync(server, "alice")).ShouldBeEmpty("no refresh: the binding is gone after its Expires");
    }

    [Fact]
    public async Task A_wrong_password_is_challenged_again_and_the_limiter_then_answers_503()
    {
        await using var server = await CofferServer.StartAsync("--Coffer:Sync:FailedLoginsPerAccount=2");
        await server.AddUserAsync("alice", Password);
        var (udp, _) = await server.App.Services.GetRequiredService<SipServerHost>().Bound;
        var throttle = server.App.Services.GetRequiredService<SipLoginThrottle>();

        using (Baresip.Start(udp, "alice", "not the password", registrationInterval: 12))
        {
            await PollAsync(() => Task.FromResult(throttle.IsBlocked("alice", "127.0.0.1")), blocked => blocked, TimeSpan.FromSeconds(60));
        }

        (await BindingCountAsync(server)).ShouldBe(0);
        server.Log.ShouldNotContain("SIP REGISTER");
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > timeout)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Polled in the store: the API's failed-login and request limits are not what is tested here.</summary>
    private static async Task<int> BindingCountAsync(CofferServer server)
    {
        await using var read = await server.Store.BeginReadAsync();
        return (await read.SipBindings.ListAllAsync(DateTimeOffset.UtcNow)).Count;
    }

    private static async Task<Device[]> PeersAsync(CofferServer server, string user)
    {
        using var http = new HttpClient { BaseAddress = new Uri(new Uri(server.SyncUrl), "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{Password}")));
        using var response = await http.GetAsync("/api/peers");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.EnumerateArray()
            .Select(p => new Device(p.GetProperty("device").GetString()!, p.GetProperty("address").GetString()!, p.GetProperty("expires").GetDateTimeOffset()))
            .ToArray();
    }

    private sealed record Device(string Name, string Address, DateTimeOffset Expires);

    /// <summary>baresip, headless, with a configuration directory of its own in a temporary folder.</summary>
    private sealed class Baresip : IDisposable
    {
        private readonly Process process;
        private readonly string home;

        private Baresip(Process process, string home)
        {
            this.process = process;
            this.home = home;
        }

        public static Baresip Start(IPEndPoint registrar, string user, string password, int registrationInterval)
        {
            var home = Directory.CreateTempSubdirectory("coffer-baresip-").FullName;
            var port = FreePort.Next();
            File.WriteAllText(Path.Combine(home, "config"),
                $"sip_listen 127.0.0.1:{port}\nmodule_path /usr/lib/baresip/modules\nmodule account.so\nmodule g711.so\nmodule ausine.so\naudio_source ausine,440\n");
            File.WriteAllText(Path.Combine(home, "accounts"),
                $"<sip:{user}@127.0.0.1:{registrar.Port};transport=udp>;auth_pass={password};regint={registrationInterval}\n");
            var psi = new ProcessStartInfo(ExternalTool.Require("baresip"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add("-f");
            psi.ArgumentList.Add(home);
            var process = Process.Start(psi)!;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new Baresip(process, home);
        }

        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Kill();
            process.Dispose();
            Directory.Delete(home, recursive: true);
        }
    }
}
