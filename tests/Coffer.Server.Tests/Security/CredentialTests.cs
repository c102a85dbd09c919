using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coffer.Storage;
using Coffer.SyncML;

namespace Coffer.Server.Tests.Security;

/// <summary>Finding 1: md5 credentials, nonces, user enumeration by timing, device rows, old password hashes.</summary>
[Collection(SecuritySuite.Name)]
public sealed class CredentialTests
{
    [Fact]
    public async Task Md5WithoutMd5Credential_AccountCreatedWithoutMd5_Gets401()
    {
        await using var server = await RunningServer.StartAsync([.. ServerArgs.NoThrottling, ServerArgs.Md5Challenge]);
        await server.AddUserAsync("alice", "secret", md5: false);
        var phone = new SecurityClient(server.Client, "md5-phone", "alice", "secret");

        var challenge = await phone.LoginAsync(cred: null);
        challenge.HeaderStatus.Code.ShouldBe(StatusCode.MissingCredentials, challenge.Text);
        var nonce = challenge.NextNonce.ShouldNotBeNull("a 407 md5 challenge carries a NextNonce: " + challenge.Text);
        var login = await phone.LoginAsync(SyncMessages.Md5("alice", "secret", nonce));

        // The md5 credential exists only for accounts created with --md5: the password alone cannot check an md5 digest.
        login.HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials, login.Text);
    }

    [Fact]
    public async Task Md5NonceReplay_CapturedCredSentAgain_Gets401FromTheSameOrAnotherDevice()
    {
        await using var server = await RunningServer.StartAsync([.. ServerArgs.NoThrottling, ServerArgs.Md5Challenge]);
        await server.AddUserAsync("alice", "secret", md5: true);
        var phone = new SecurityClient(server.Client, "md5-phone", "alice", "secret");
        var challenge = await phone.LoginAsync(cred: null);
        challenge.HeaderStatus.Code.ShouldBe(StatusCode.MissingCredentials, challenge.Text);
        var nonce = challenge.NextNonce.ShouldNotBeNull("a 407 md5 challenge carries a NextNonce: " + challenge.Text);
        var captured = SyncMessages.Md5("alice", "secret", nonce);

        var login = await phone.LoginAsync(captured);
        login.HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted, login.Text);
        login.NextNonce.ShouldNotBeNull("212 for md5 carries the next nonce: " + login.Text);

        // OMA-TS-SyncML_RepPro-V1_2 §4.3: a nonce is good for one authentication.
        var sameDevice = await phone.LoginAsync(captured);
        sameDevice.HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials, sameDevice.Text);
        sameDevice.NextNonce.ShouldNotBeNull(sameDevice.Text);
        var attacker = new SecurityClient(server.Client, "attacker-phone", "alice", "unknown");
        var otherDevice = await attacker.LoginAsync(captured);
        otherDevice.HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials, otherDevice.Text);
    }

    [Fact]
    public async Task Md5NonceBinding_NonceIssuedToOneDevice_DoesNotAuthenticateAnother()
    {
        await using var server = await RunningServer.StartAsync([.. ServerArgs.NoThrottling, ServerArgs.Md5Challenge]);
        await server.AddUserAsync("alice", "secret", md5: true);
        var phone = new SecurityClient(server.Client, "md5-phone", "alice", "secret");
        var challenge = await phone.LoginAsync(cred: null);
        var nonce = challenge.NextNonce.ShouldNotBeNull("a 407 md5 challenge carries a NextNonce: " + challenge.Text);

        var other = new SecurityClient(server.Client, "other-phone", "alice", "secret");
        var stolen = await other.LoginAsync(SyncMessages.Md5("alice", "secret", nonce));

        stolen.HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials, stolen.Text);
    }

    [Fact]
    public async Task Md5EmptyNonce_CredComputedWithoutANonce_Gets401WithAFreshNextNonce()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret", md5: true);
        var phone = new SecurityClient(server.Client, "md5-phone", "alice", "secret");

        var empty = await phone.LoginAsync(SyncMessages.Md5("alice", "secret", []));

        // A digest over an empty nonce can be computed once and replayed forever: the server issues every nonce.
        empty.HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials, empty.Text);
        var nonce = empty.NextNonce.ShouldNotBeNull("the 401 md5 challenge carries a NextNonce: " + empty.Text);
        nonce.ShouldNotBeEmpty();
        var retry = await phone.LoginAsync(SyncMessages.Md5("alice", "secret", nonce));
        retry.HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted, retry.Text);
    }

    [Fact]
    public async Task UserEnumeration_UnknownUserName_CostsTheSamePasswordHashAsAWrongPassword()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        await server.AddUserAsync("alice", "secret");
        var attempt = 0;
        async Task<string> FailAsync(string user)
        {
            var client = new SecurityClient(server.Client, "probe-" + (++attempt).ToString(CultureInfo.InvariantCulture), user, "guess");
            var reply = await client.LoginAsync();
            reply.HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials, reply.Text);
            return string.Join('|', reply.HeaderStatus.Items.Select(i => i.Data?.Text));
        }

        // What an answer costs is the PBKDF2 work behind it: counted by the server, so no clock is needed to compare.
        var before = await PasswordHashesAsync(server);
        var wrongPasswordText = await FailAsync("alice");
        var afterWrongPassword = await PasswordHashesAsync(server);
        var unknownUserText = await FailAsync("nobody");
        var afterUnknownUser = await PasswordHashesAsync(server);

        var oneFullHash = new Dictionary<string, double> { [PasswordHasher.DefaultIterations.ToString(CultureInfo.InvariantCulture)] = 1 };
        Delta(before, afterWrongPassword).ShouldBe(oneFullHash, "a wrong password costs one hash at the account's cost");
        Delta(afterWrongPassword, afterUnknownUser).ShouldBe(oneFullHash, "an unknown user must cost exactly what a wrong password costs");
        unknownUserText.ShouldBe(wrongPasswordText, "the client reads the same answer for both");
    }

    [Fact]
    public async Task DeviceRows_FailedLoginsWithNewDeviceIds_AddNoRows()
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        var alice = await server.AddUserAsync("alice", "secret", md5: true);

        for (var i = 0; i < 5; i++)
        {
            var intruder = new SecurityClient(server.Client, "random-device-" + i.ToString(CultureInfo.InvariantCulture), "alice", "wrong");
            (await intruder.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials);
            (await intruder.LoginAsync(SyncMessages.Md5("alice", "wrong", []))).HeaderStatus.Code.ShouldBe(StatusCode.InvalidCredentials);
            (await intruder.LoginAsync(cred: null)).HeaderStatus.Code.ShouldBe(StatusCode.MissingCredentials);
        }

        (await server.DevicesAsync(alice.Id)).ShouldBeEmpty("failed logins must not create device rows");
        var phone = new SecurityClient(server.Client, "real-phone", "alice", "secret");
        (await phone.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);
        (await server.DevicesAsync(alice.Id)).Select(d => d.DeviceId).ShouldBe(["real-phone"]);
    }

    public static TheoryData<string> OldHashes => new()
    {
        PasswordHasher.Hash("secret", iterations: 1000),
        Pbkdf2Sha256("secret", 1000),
    };

    [Theory]
    [MemberData(nameof(OldHashes))]
    public async Task OldPasswordHashes_GoodLogin_RehashesToTheCurrentScheme(string oldHash)
    {
        await using var server = await RunningServer.StartAsync(ServerArgs.NoThrottling);
        PasswordHasher.NeedsRehash(oldHash).ShouldBeTrue();
        await server.AddUserAsync("alice", "secret", passwordHash: oldHash);
        var phone = new SecurityClient(server.Client, "phone", "alice", "secret");

        (await phone.LoginAsync()).HeaderStatus.Code.ShouldBe(StatusCode.AuthenticationAccepted);

        var stored = (await server.UserAsync("alice")).PasswordHash;
        PasswordHasher.NeedsRehash(stored).ShouldBeFalse($"still an old hash: {stored.Split('$')[0]} {stored.Split('$')[1]} iterations");
        PasswordHasher.Verify("secret", stored).ShouldBeTrue();
    }

    /// <summary>The format PasswordHasher wrote before HMAC-SHA512 (RFC 8018 §5.2 PBKDF2 with HMAC-SHA256).</summary>
    private static string Pbkdf2Sha256(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<Dictionary<string, double>> PasswordHashesAsync(RunningServer server) =>
        (await server.ScrapeAsync()).TryGetValue("coffer_auth_password_hashes_total", out var family)
            ? family.Samples.ToDictionary(s => s.Labels["iterations"], s => s.Value)
            : [];

    private static Dictionary<string, double> Delta(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.Select(a => (a.Key, Value: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Value != 0).ToDictionary(d => d.Key, d => d.Value);
}
