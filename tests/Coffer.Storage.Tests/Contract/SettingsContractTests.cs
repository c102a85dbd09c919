using System.Security.Cryptography;
using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>User settings and personal API tokens, alike in every backend.</summary>
public sealed class SettingsContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task Settings_are_absent_until_saved_then_read_back_replaced_and_kept_per_user(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var (bob, _) = await NewUserAsync("bob");
        await using var uow = await Store.BeginAsync();
        (await uow.Settings.GetAsync(alice)).ShouldBeNull();
        (await uow.Settings.SetAsync(alice, new UserSettings(SyncInterval.Weekly, 2, "Europe/Berlin", "Telekom"))).ShouldBeTrue();
        (await uow.Settings.SetAsync(bob, new UserSettings(SyncInterval.None, 23, "America/New_York", null))).ShouldBeTrue();
        (await uow.Settings.SetAsync(alice, new UserSettings(SyncInterval.Daily, 4, "Asia/Tokyo", null))).ShouldBeTrue();
        (await uow.Settings.GetAsync(alice)).ShouldBe(new UserSettings(SyncInterval.Daily, 4, "Asia/Tokyo", null));
        (await uow.Settings.GetAsync(bob)).ShouldBe(new UserSettings(SyncInterval.None, 23, "America/New_York", null));
        (await uow.Settings.SetAsync(bob + 1000, UserSettings.Default)).ShouldBeFalse();
        (await uow.Settings.GetAsync(bob + 1000)).ShouldBeNull();
        await uow.CommitAsync();
    }

    [Theory]
    [StoreData]
    public async Task A_token_is_found_by_its_hash_listed_for_its_user_only_and_revoked_only_by_its_user(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var (bob, _) = await NewUserAsync("bob");
        var hash1 = RandomNumberGenerator.GetBytes(32);
        var hash2 = RandomNumberGenerator.GetBytes(32);
        await using var uow = await Store.BeginAsync();
        var first = (await uow.ApiTokens.CreateAsync(alice, "script", "cof_ab12", hash1))!;
        Clock.Advance(TimeSpan.FromMinutes(1));
        var second = (await uow.ApiTokens.CreateAsync(alice, "laptop", "cof_cd34", hash2))!;
        (await uow.ApiTokens.CreateAsync(bob + 1000, "nobody", "cof_0000", RandomNumberGenerator.GetBytes(32))).ShouldBeNull();
        first.ShouldBe(new ApiToken(first.Id, alice, "script", "cof_ab12", Start));

        (await uow.ApiTokens.FindByHashAsync(hash2)).ShouldBe(second);
        (await uow.ApiTokens.FindByHashAsync(RandomNumberGenerator.GetBytes(32))).ShouldBeNull();
        (await uow.ApiTokens.ListAsync(alice)).Select(t => t.Name).ShouldBe(["laptop", "script"]);
        (await uow.ApiTokens.ListAsync(bob)).ShouldBeEmpty();

        (await uow.ApiTokens.DeleteAsync(bob, first.Id)).ShouldBeFalse();
        (await uow.ApiTokens.FindByHashAsync(hash1)).ShouldNotBeNull();
        (await uow.ApiTokens.DeleteAsync(alice, first.Id)).ShouldBeTrue();
        (await uow.ApiTokens.FindByHashAsync(hash1)).ShouldBeNull();
        (await uow.ApiTokens.ListAsync(alice)).ShouldBe([second]);
        await uow.CommitAsync();
    }

    [Theory]
    [StoreData]
    public async Task Deleting_a_user_deletes_their_settings_and_tokens(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var hash = RandomNumberGenerator.GetBytes(32);
        await using var uow = await Store.BeginAsync();
        await uow.Settings.SetAsync(alice, new UserSettings(SyncInterval.Weekly, 1, "UTC", "Vodafone"));
        await uow.ApiTokens.CreateAsync(alice, "script", "cof_ab12", hash);
        (await uow.Users.DeleteAsync(alice)).ShouldBeTrue();
        (await uow.Settings.GetAsync(alice)).ShouldBeNull();
        (await uow.ApiTokens.FindByHashAsync(hash)).ShouldBeNull();
        await uow.CommitAsync();
    }
}
