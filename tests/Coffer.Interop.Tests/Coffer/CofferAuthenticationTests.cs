using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>In-band SyncML authentication (OMA-TS-DS_Protocol-V1_2 §5.1, OMA-TS-SyncML-RepPro-V1_2 §4.3) with the real client.</summary>
[Trait("Category", "Interop")]
public sealed class CofferAuthenticationTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    [Theory]
    [InlineData(ClientAuth.Basic)]
    [InlineData(ClientAuth.Md5)]
    public async Task WrongPassword_FailsCleanlyWith401_NothingStored(ClientAuth auth)
    {
        var server = fixture.Server;
        var user = await fixture.NewUserAsync("auth", "right password");
        using var env = SyncEvolutionEnvironment.Create("badpw");
        var phone = await Phone.CreateAsync(env, "pa", server.SyncUrl, user, "wrong password", new PhoneOptions { Auth = auth });
        TestVCards.WriteGenerated(phone, 3);
        var before = phone.ReadItems(HarnessDatastore.Contacts);

        var report = await phone.SyncAsync(SyncMode.Slow, HarnessDatastore.Contacts);

        report.ExitCode.ShouldBe(1, report.ToString());
        // status.ini reports the SyncML status that ended the session: 401 Unauthorized (RepPro §10).
        report.Status.ShouldBe(401, report.ToString());
        report[HarnessDatastore.Contacts].RemoteAdded.ShouldBe(0, report.ToString());
        report[HarnessDatastore.Contacts].LocalAdded.ShouldBe(0, report.ToString());
        phone.ReadItems(HarnessDatastore.Contacts).ShouldBe(before);
        (await server.CurrentSequenceAsync(user)).ShouldBe(0, "no item may be written");
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(0);
        await using (var uow = await server.Store.BeginReadAsync())
        {
            var account = (await uow.Users.FindByNameAsync(user)).ShouldNotBeNull();
            // The device row may exist (it holds the md5 nonce of the challenge, MessageProcessor.Auth), but nothing
            // the unauthenticated message carried may be applied: no DevInf from its Put, no datastore from its Alert.
            foreach (var device in await uow.Devices.ListAsync(account.Id))
            {
                device.DevInf.ShouldBeNull("the Put DevInf of an unauthenticated message must not be stored");
            }

            (await uow.Datastores.ListAsync(account.Id)).ShouldBeEmpty();
        }

        // The same phone with the right password then works: the failure left nothing behind that blocks it.
        await phone.ConfigureAsync(["password=right password"]);
        var ok = await phone.SyncAsync(SyncMode.Slow, HarnessDatastore.Contacts);
        ok.Succeeded.ShouldBeTrue(ok + "\n" + server.Log);
        ok[HarnessDatastore.Contacts].RemoteAdded.ShouldBe(3, ok.ToString());
        (await server.CountLiveAsync(user, DatastoreKind.Contacts)).ShouldBe(3);
    }

    [Fact]
    public async Task Md5_WorksForAnAccountTheCliCreatedWithMd5_AndNeverForOneCreatedWithout()
    {
        var server = fixture.Server;
        var plain = "cli-plain";
        var withMd5 = "cli-md5";
        Cli(["user", "add", plain, "--password-stdin", .. server.Storage.CliArgs(server.DataDir)]);
        Cli(["user", "add", withMd5, "--md5", "--password-stdin", .. server.Storage.CliArgs(server.DataDir)]);
        await using (var uow = await server.Store.BeginReadAsync())
        {
            // The md5 credential is a password equivalent: only an account created with --md5 holds one.
            (await uow.Users.FindByNameAsync(plain)).ShouldNotBeNull().Md5Credential.ShouldBeNull();
            (await uow.Users.FindByNameAsync(withMd5)).ShouldNotBeNull().Md5Credential.ShouldNotBeNull();
        }

        using var env = SyncEvolutionEnvironment.Create("climd5");
        var refused = await Phone.CreateAsync(env, "pm", server.SyncUrl, plain, CliPassword, new PhoneOptions { Auth = ClientAuth.Md5 });
        TestVCards.WriteGenerated(refused, 2);
        var report = await refused.SyncAsync(SyncMode.Slow, HarnessDatastore.Contacts);
        report.Status.ShouldBe(401, report.ToString());
        (await server.CountLiveAsync(plain, DatastoreKind.Contacts)).ShouldBe(0);

        var phone = await Phone.CreateAsync(env, "pn", server.SyncUrl, withMd5, CliPassword, new PhoneOptions { Auth = ClientAuth.Md5 });
        TestVCards.WriteGenerated(phone, 3);
        var first = await phone.SyncAsync(SyncMode.Slow, HarnessDatastore.Contacts);
        first.Succeeded.ShouldBeTrue(first + "\n" + server.Log);

        // The next session logs in with the NextNonce of the first one's 212: a nonce is good for one login.
        var second = await phone.SyncAsync(SyncMode.TwoWay, HarnessDatastore.Contacts);
        second.Succeeded.ShouldBeTrue(second + "\n" + server.Log);
        (await server.CountLiveAsync(withMd5, DatastoreKind.Contacts)).ShouldBe(3);
    }

    private const string CliPassword = "cli secret";

    /// <summary>Runs the real <c>coffer</c> command (built beside the tests by the solution build) on the server's store.</summary>
    private static void Cli(params string[] args)
    {
        var dll = Path.Combine(global::Coffer.TestData.TestDataPaths.RepoRoot, "src", "Coffer.Cli", "bin", "Release", "net10.0", "coffer.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is missing: build the solution (the README test command does)");
        var result = global::Coffer.TestData.ExternalTool.Run("dotnet", [dll, .. args], TimeSpan.FromSeconds(60), stdin: CliPassword + "\n");
        result.ExitCode.ShouldBe(0, result.StdOut + result.StdErr);
    }
}
