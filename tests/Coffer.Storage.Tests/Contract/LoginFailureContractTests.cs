using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>Failed logins shared by the nodes, as leaky buckets, alike in every backend.</summary>
public sealed class LoginFailureContractTests : ContractTestBase
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(3);

    [Theory]
    [StoreData]
    public async Task A_key_is_blocked_once_its_allowance_is_used_and_free_again_as_its_bucket_drains(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        await RecordAsync("acct:alice", "acct:alice", "addr:10.0.0.1");
        (await BlockedAsync()).ShouldBeEmpty("two failures of three");

        await RecordAsync("acct:alice");
        (await BlockedAsync()).ShouldBe(["acct:alice"]);

        // A third of the window gives one failure back.
        Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await BlockedAsync()).ShouldBeEmpty();
        await RecordAsync("acct:alice");
        (await BlockedAsync()).ShouldBe(["acct:alice"]);

        // Drained empty, a bucket is forgotten at the next failure anyone records.
        Clock.Advance(Window + Window);
        await RecordAsync("addr:10.0.0.2");
        (await BlockedAsync()).ShouldBeEmpty();
        await RecordAsync("acct:alice", "acct:alice");
        (await BlockedAsync()).ShouldBeEmpty("the old failures drained away");
    }

    [Theory]
    [StoreData]
    public async Task A_megabyte_long_name_is_stored_and_blocked_under_its_short_hash(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var name = "account:" + new string('x', 1024 * 1024);
        await RecordAsync(name, name, name);

        var blocked = await BlockedAsync();
        blocked.ShouldBe([LoginFailureKey.Of(name)]);
        blocked[0].Length.ShouldBeLessThanOrEqualTo(LoginFailureKey.MaxLength);
        LoginFailureKey.Of(blocked[0]).ShouldBe(blocked[0], "a stored key stays itself");
        LoginFailureKey.Of("account:" + new string('x', 1024 * 1024 - 1)).ShouldNotBe(blocked[0]);
    }

    [Theory]
    [StoreData]
    public async Task The_table_keeps_at_most_its_capacity_of_buckets_forgetting_the_least_recently_failed(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        foreach (var key in new[] { "address:1", "address:2", "address:3", "address:4" })
        {
            await RecordAsync(3, key, key, key);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        (await BlockedAsync()).ShouldBe(["address:2", "address:3", "address:4"], ignoreOrder: true);
        await RecordAsync(3, "address:2");
        await RecordAsync(3, "address:5");
        (await BlockedAsync()).ShouldBe(["address:2", "address:4"], ignoreOrder: true, customMessage: "address:3 failed least recently; address:5 has one failure");
    }

    private Task RecordAsync(params string[] keys) => RecordAsync(100, keys);

    private async Task RecordAsync(int capacity, params string[] keys)
    {
        await using var uow = await Store.BeginAsync();
        foreach (var key in keys)
        {
            await uow.LoginFailures.RecordAsync(key, 3, Window, capacity);
        }

        await uow.CommitAsync();
    }

    private async Task<IReadOnlyList<string>> BlockedAsync()
    {
        await using var read = await Store.BeginReadAsync();
        return await read.LoginFailures.BlockedAsync();
    }
}
