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

    private async Task RecordAsync(params string[] keys)
    {
        await using var uow = await Store.BeginAsync();
        foreach (var key in keys)
        {
            await uow.LoginFailures.RecordAsync(key, 3, Window);
        }

        await uow.CommitAsync();
    }

    private async Task<IReadOnlyList<string>> BlockedAsync()
    {
        await using var read = await Store.BeginReadAsync();
        return await read.LoginFailures.BlockedAsync();
    }
}
