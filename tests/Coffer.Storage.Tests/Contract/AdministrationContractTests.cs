using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>The admin and disabled flags of accounts and the audit log, alike in every backend.</summary>
public sealed class AdministrationContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task A_new_user_is_neither_admin_nor_disabled_and_the_flags_read_back(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, _) = await NewUserAsync("alice");
        await using (var uow = await Store.BeginAsync())
        {
            var account = (await uow.Users.GetAsync(user))!;
            account.Admin.ShouldBeFalse();
            account.Disabled.ShouldBeFalse();
            (await uow.Users.SetAdminAsync(user, true)).ShouldBeTrue();
            (await uow.Users.SetDisabledAsync(user, true)).ShouldBeTrue();
            (await uow.Users.SetAdminAsync(user + 1000, true)).ShouldBeFalse();
            (await uow.Users.SetDisabledAsync(user + 1000, true)).ShouldBeFalse();
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            var byName = (await read.Users.FindByNameAsync("ALICE"))!;
            byName.Admin.ShouldBeTrue();
            byName.Disabled.ShouldBeTrue();
            (await read.Users.ListAsync()).Single().Admin.ShouldBeTrue();
        }

        await using (var uow = await Store.BeginAsync())
        {
            (await uow.Users.SetAdminAsync(user, false)).ShouldBeTrue();
            (await uow.Users.SetDisabledAsync(user, false)).ShouldBeTrue();
            await uow.CommitAsync();
        }

        await using var again = await Store.BeginReadAsync();
        var account2 = (await again.Users.GetAsync(user))!;
        account2.Admin.ShouldBeFalse();
        account2.Disabled.ShouldBeFalse();
    }

    [Theory]
    [StoreData]
    public async Task The_audit_log_keeps_entries_newest_first_and_pages_them(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        await using (var uow = await Store.BeginAsync())
        {
            (await uow.AuditLog.CountAsync()).ShouldBe(0);
            var first = await uow.AuditLog.AppendAsync("root", "user.create", "alice", "admin");
            first.Time.ShouldBe(Start);
            first.Details.ShouldBe("admin");
            Clock.Advance(TimeSpan.FromMinutes(1));
            await uow.AuditLog.AppendAsync("root", "user.disable", "alice");
            Clock.Advance(TimeSpan.FromMinutes(1));
            await uow.AuditLog.AppendAsync("cli", "user.delete", "bob");
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.AuditLog.CountAsync()).ShouldBe(3);
        var page1 = await read.AuditLog.ListAsync(0, 2);
        page1.Select(e => e.Action).ShouldBe(["user.delete", "user.disable"]);
        page1[0].Actor.ShouldBe("cli");
        page1[0].Target.ShouldBe("bob");
        page1[0].Details.ShouldBeNull();
        page1[0].Time.ShouldBe(Start.AddMinutes(2));
        var page2 = await read.AuditLog.ListAsync(2, 2);
        page2.Single().Action.ShouldBe("user.create");
        (await read.AuditLog.ListAsync(3, 2)).ShouldBeEmpty();
    }

    [Theory]
    [StoreData]
    public async Task The_audit_log_outlives_the_user_it_names(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (user, _) = await NewUserAsync("alice");
        await using (var uow = await Store.BeginAsync())
        {
            await uow.AuditLog.AppendAsync("alice", "user.create", "bob");
            (await uow.Users.DeleteAsync(user)).ShouldBeTrue();
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.AuditLog.ListAsync(0, 10)).Single().Actor.ShouldBe("alice");
    }
}
