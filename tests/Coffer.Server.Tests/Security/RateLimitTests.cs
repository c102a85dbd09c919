using System.Globalization;
using System.Net;
using Coffer.SyncML;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Security;

/// <summary>Finding 7: failed logins are limited per account and per client address, logged and counted.</summary>
[Collection(SecuritySuite.Name)]
public sealed class RateLimitTests
{
    [Fact]
    public async Task PasswordGuessing_AfterTenFailuresForOneAccount_EvenTheRightPasswordGets417()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoLoginDelay);
        await server.AddUserAsync("alice", "secret");
        await server.AddUserAsync("bob", "bobsecret");
        using var elsewhere = server.ClientFrom(IPAddress.Parse("127.0.0.2"));
        using var thirdPlace = server.ClientFrom(IPAddress.Parse("127.0.0.3"));

        for (var i = 0; i < 10; i++)
        {
            var guesser = new SecurityClient(server.Client, "guesser", "alice", "guess-" + i.ToString(CultureInfo.InvariantCulture));
            (await guesser.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials, $"attempt {i + 1}");
        }

        // OMA-TS-SyncML_RepPro-V1_2 §10: 417 "Retry later"; the password is not even looked at, from any address.
        var guessed = await new SecurityClient(server.Client, "guesser", "alice", "secret").LoginAsync();
        guessed.HeaderStatus.Code.ShouldBe(StatusCode.RetryLater, guessed.Text);
        var owner = await new SecurityClient(thirdPlace, "alice-phone", "alice", "secret").LoginAsync();
        owner.HeaderStatus.Code.ShouldBe(StatusCode.RetryLater, owner.Text);
        var other = await new SecurityClient(elsewhere, "bob-phone", "bob", "bobsecret").LoginAsync();
        other.HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted, other.Text);

        server.Log.Lines.Count(l => l.Level == LogLevel.Warning && l.Message.Contains("alice", StringComparison.OrdinalIgnoreCase))
            .ShouldBeGreaterThanOrEqualTo(10, string.Join('\n', server.Log.Lines.Where(l => l.Level >= LogLevel.Information).Take(20)));
        var failures = (await server.ScrapeAsync())["coffer_auth_failures_total"];
        failures.Type.ShouldBe("counter");
        failures.Samples.Sum(s => s.Value).ShouldBeGreaterThanOrEqualTo(12);
        failures.Samples.Where(s => s.Labels.GetValueOrDefault("reason") == "throttled").Sum(s => s.Value).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task PasswordSpraying_AfterFailuresFromOneAddress_FurtherAttemptsFromItGet417()
    {
        await using var server = await RunningServer.StartAsync(
            ServerArgs.NoLoginDelay, "--Coffer:Sync:FailedLoginsPerAccount=1000", "--Coffer:Sync:FailedLoginsPerAddress=5");
        await server.AddUserAsync("carol", "carolsecret");
        await server.AddUserAsync("dave", "davesecret");
        using var sprayer = server.ClientFrom(IPAddress.Parse("127.0.0.3"));
        using var elsewhere = server.ClientFrom(IPAddress.Parse("127.0.0.4"));

        for (var i = 0; i < 5; i++)
        {
            var name = "user" + i.ToString(CultureInfo.InvariantCulture);
            (await new SecurityClient(sprayer, "sprayer", name, "123456").LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials);
        }

        var fromSprayer = await new SecurityClient(sprayer, "carol-phone", "carol", "carolsecret").LoginAsync();
        fromSprayer.HeaderStatus.Code.ShouldBe(StatusCode.RetryLater, fromSprayer.Text);
        (await new SecurityClient(elsewhere, "dave-phone", "dave", "davesecret").LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        (await new SecurityClient(elsewhere, "carol-phone", "carol", "carolsecret").LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
    }
}
