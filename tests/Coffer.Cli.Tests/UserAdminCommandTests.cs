using Coffer.Storage;
using Coffer.Storage.Providers;

namespace Coffer.Cli.Tests;

/// <summary><c>coffer user add --admin</c>, <c>user admin [--revoke]</c>, <c>user disable|enable</c> and their audit log entries.</summary>
public sealed class UserAdminCommandTests : StoreTestBase
{
    [Theory, Providers]
    public async Task Admin_and_disabled_flags_are_set_and_cleared_and_each_change_is_audited(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        await using (var store = Test.Open())
        {
            await using var uow = await store.BeginAsync();
            await uow.Users.TryCreateAsync("alice", PasswordHasher.Hash("pw", 1000));
            await uow.CommitAsync();
        }

        Cli.RunWith(Test.Settings, "user", "admin", "alice").StdOut.ShouldContain("'alice' is an administrator");
        Cli.RunWith(Test.Settings, "user", "disable", "ALICE").StdOut.ShouldContain("'alice' is disabled");
        var list = Cli.RunWith(Test.Settings, "user", "list");
        list.StdOut.ShouldContain("disabled");
        await using (var store = Test.Open())
        {
            await using var read = await store.BeginReadAsync();
            var alice = (await read.Users.FindByNameAsync("alice"))!;
            alice.Admin.ShouldBeTrue();
            alice.Disabled.ShouldBeTrue();
        }

        Cli.RunWith(Test.Settings, "user", "enable", "alice").ExitCode.ShouldBe(0);
        Cli.RunWith(Test.Settings, "user", "admin", "alice", "--revoke").StdOut.ShouldContain("no longer an administrator");
        var missing = Cli.RunWith(Test.Settings, "user", "disable", "nobody");
        missing.ExitCode.ShouldBe(1);
        missing.StdErr.ShouldContain("no user 'nobody'");

        await using (var store = Test.Open())
        {
            await using var read = await store.BeginReadAsync();
            var alice = (await read.Users.FindByNameAsync("alice"))!;
            alice.Admin.ShouldBeFalse();
            alice.Disabled.ShouldBeFalse();
            var log = await read.AuditLog.ListAsync(0, 10);
            log.Select(e => e.Action).ShouldBe(["user.admin.revoke", "user.enable", "user.disable", "user.admin.grant"]);
            log.ShouldAllBe(e => e.Actor == "cli" && e.Target == "alice");
        }
    }

    [Theory, Providers]
    public async Task User_add_with_admin_creates_an_administrator(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        var add = CofferExecutable.Run(Path.GetTempPath(), new Dictionary<string, string?>(), ["user", "add", "root", "--admin", "--password-stdin", .. Test.Args], "s3cret\n");
        add.ExitCode.ShouldBe(0, add.StdErr);
        add.StdOut.ShouldContain("created administrator 'root'");
        await using var store = Test.Open();
        await using var read = await store.BeginReadAsync();
        (await read.Users.FindByNameAsync("root"))!.Admin.ShouldBeTrue();
        var created = (await read.AuditLog.ListAsync(0, 10)).Single();
        (created.Actor, created.Action, created.Target, created.Details).ShouldBe(("cli", "user.create", "root", "administrator"));
    }

    [Theory, Providers]
    public async Task User_add_and_passwd_store_the_sip_digest_HA1s_of_the_new_password(StoreProvider provider)
    {
        await CreateStoreAsync(provider);
        CofferExecutable.Run(Path.GetTempPath(), new Dictionary<string, string?>(), ["user", "add", "alice", "--password-stdin", .. Test.Args], "s3cret\n").ExitCode.ShouldBe(0);
        await using (var store = Test.Open())
        {
            await using var read = await store.BeginReadAsync();
            (await read.SipCredentials.FindAsync("alice", "coffer", "MD5"))!.Ha1.ShouldBe(SipDigestCredential.Compute("alice", "coffer", "s3cret").Md5Ha1);
        }

        var passwd = CofferExecutable.Run(Path.GetTempPath(), new Dictionary<string, string?> { ["Coffer__Sip__Realm"] = "home" }, ["user", "passwd", "alice", "--password-stdin", .. Test.Args], "n3w-pass\n");
        passwd.ExitCode.ShouldBe(0, passwd.StdErr);
        await using (var store = Test.Open())
        {
            await using var read = await store.BeginReadAsync();
            (await read.SipCredentials.FindAsync("alice", "coffer", "MD5")).ShouldBeNull("the old password's HA1s are gone");
            (await read.SipCredentials.FindAsync("alice", "home", "SHA-256"))!.Ha1.ShouldBe(SipDigestCredential.Compute("alice", "home", "n3w-pass").Sha256Ha1);
        }
    }
}
