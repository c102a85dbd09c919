using Coffer.Agent.Config;
using Coffer.Agent.Dm;
using Coffer.Agent.Notifications;
using Coffer.SyncML.Dm;

namespace Coffer.Agent.Tests.Dm;

/// <summary><c>listen</c>'s DM package 0: one signed with the DM account's server secret starts the session it names; a wrong digest is ignored.</summary>
public sealed class DmNotificationTests : IDisposable
{
    private readonly DmProfileSample sample = new();

    public void Dispose() => sample.Dispose();

    [Fact]
    public async Task A_verified_package_0_starts_its_session_and_a_wrong_digest_starts_nothing()
    {
        var home = new AgentHome(Path.Combine(sample.Root, "config"));
        Directory.CreateDirectory(home.Path);
        var account = new DmAccount { ServerId = "coffer", ServerUrl = new Uri("http://127.0.0.1:9/dm"), ClientName = "c", ClientSecret = "cs", ServerSecret = "ss" };
        DmAgentSetup.AccountFile(home).Save(account);
        var config = new AgentConfig { ServerUrl = new Uri("http://127.0.0.1:9/"), User = "alice", DeviceId = "phone-1", DataDir = sample.Root };
        using var http = new HttpClient();
        using var log = new StringWriter();
        var started = new List<ushort>();
        var listener = new NotificationListener(http, home, config, "pw", (_, _) => throw new InvalidOperationException("no DS run"), log)
        {
            DmSession = (n, _) =>
            {
                started.Add(n.SessionId);
                return Task.CompletedTask;
            },
        };

        await listener.HandleDmAsync(DmNotificationCodec.Encode(new DmNotification { SessionId = 4711, ServerIdentifier = "coffer" }, "coffer", "ss", []), CancellationToken.None);
        await listener.HandleDmAsync(DmNotificationCodec.Encode(new DmNotification { SessionId = 4712, ServerIdentifier = "coffer" }, "coffer", "not the secret", []), CancellationToken.None);

        started.ShouldBe([(ushort)4711]);
        log.ToString().ShouldContain("notification 4711: DM session");
        log.ToString().ShouldContain("its digest does not verify");
    }
}
