using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>OMA DM accounts, backups and jobs, alike in every backend.</summary>
public sealed class DmContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task An_account_opens_its_sealed_secrets_and_a_server_nonce_is_taken_once(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        long phone;
        await using (var uow = await Store.BeginAsync())
        {
            phone = (await uow.Devices.RegisterAccessAsync(alice, "IMEI:1")).Id;
            await uow.DmAccounts.SetAsync(alice, phone, "dm-abc", "hash==", "server-secret");
            await uow.CommitAsync();
        }

        await using (var uow = await Store.BeginAsync())
        {
            (await uow.DmAccounts.FindAsync("dm-abc")).ShouldBe(new DmAccount(alice, phone, "dm-abc", "hash==", "server-secret", null, null));
            (await uow.DmAccounts.FindAsync("DM-ABC")).ShouldBeNull("client names compare exactly");
            (await uow.DmAccounts.ReplaceServerNonceAsync(phone, null, "n1")).ShouldBeTrue();
            (await uow.DmAccounts.ReplaceServerNonceAsync(phone, null, "n2")).ShouldBeFalse("the first nonce was issued already");
            (await uow.DmAccounts.ReplaceServerNonceAsync(phone, "n1", "n2")).ShouldBeTrue();
            (await uow.DmAccounts.ReplaceServerNonceAsync(phone, "n1", "n3")).ShouldBeFalse("a used nonce does not come back");
            await uow.DmAccounts.SetClientNonceAsync(phone, "c1");
            await uow.DmAccounts.SetNotifiedSessionAsync(phone, 65535);
            await uow.CommitAsync();
        }

        await using (var uow = await Store.BeginAsync())
        {
            (await uow.DmAccounts.GetAsync(phone)).ShouldBe(new DmAccount(alice, phone, "dm-abc", "hash==", "server-secret", "n2", "c1") { NotifiedSession = 65535 });
            await uow.DmAccounts.SetAsync(alice, phone, "dm-def", "hash2", "secret2");
            await uow.Users.SetDisabledAsync(alice, true);
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.DmAccounts.GetAsync(phone)).ShouldBe(new DmAccount(alice, phone, "dm-def", "hash2", "secret2", null, null), "a new enrollment replaces secrets and nonces");
        (await read.DmAccounts.FindAsync("dm-def")).ShouldBeNull("a disabled account does not log in");
        (await read.DmAccounts.FindAsync("dm-abc")).ShouldBeNull();
    }

    [Theory]
    [StoreData]
    public async Task Backups_are_kept_per_device_newest_first_with_their_tree_and_pruned(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        long phone;
        DmSnapshot first;
        DmSnapshot second;
        await using (var uow = await Store.BeginAsync())
        {
            phone = (await uow.Devices.RegisterAccessAsync(alice, "IMEI:1")).Id;
            first = await uow.DmSnapshots.AddAsync(phone, "Acme", "A1", "1.0", 3, "<tree>1</tree>"u8.ToArray());
            Clock.Advance(TimeSpan.FromMinutes(1));
            second = await uow.DmSnapshots.AddAsync(phone, "Acme", "A1", "1.1", 4, "<tree>22</tree>"u8.ToArray());
            await uow.CommitAsync();
        }

        await using (var uow = await Store.BeginAsync())
        {
            (await uow.DmSnapshots.ListAsync(phone)).Select(s => s.Firmware).ShouldBe(["1.1", "1.0"]);
            (await uow.DmSnapshots.GetAsync(first.Id)).ShouldBe(first);
            second.Bytes.ShouldBe(15);
            Text(await uow.DmSnapshots.GetTreeAsync(second.Id)).ShouldBe("<tree>22</tree>");
            (await uow.DmSnapshots.GetTreeAsync(second.Id + 100)).ShouldBeNull();
            (await uow.DmSnapshots.PruneAsync(phone, 1)).ShouldBe(1);
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.DmSnapshots.ListAsync(phone)).ShouldBe([second]);
    }

    [Theory]
    [StoreData]
    public async Task A_job_is_due_until_deferred_and_keeps_its_decisions_and_report(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        long phone;
        DmJob job;
        await using (var uow = await Store.BeginAsync())
        {
            phone = (await uow.Devices.RegisterAccessAsync(alice, "IMEI:1")).Id;
            (await uow.DmJobs.DueAsync(phone)).ShouldBeNull();
            job = await uow.DmJobs.CreateAsync(phone, DmJobKind.Backup, null);
            await uow.CommitAsync();
        }

        job.State.ShouldBe(DmJobState.Pending);
        var deferred = job with
        {
            State = DmJobState.Deferred,
            Attempts = 1,
            NextAttempt = Clock.GetUtcNow().AddHours(1),
            Decisions = [new DmDecision(Clock.GetUtcNow(), "deferred")],
        };
        await using (var uow = await Store.BeginAsync())
        {
            (await uow.DmJobs.DueAsync(phone)).ShouldBe(job, new DmJobComparer());
            (await uow.DmJobs.UpdateAsync(deferred)).ShouldBeTrue();
            (await uow.DmJobs.DueAsync(phone)).ShouldBeNull("a deferred job waits for its next attempt");
            (await uow.DmJobs.DeferredDueAsync(10)).ShouldBeEmpty("nor is it due for a retry");
            await uow.CommitAsync();
        }

        Clock.Advance(TimeSpan.FromHours(1));
        await using (var uow = await Store.BeginAsync())
        {
            (await uow.DmJobs.DeferredDueAsync(10)).ShouldHaveSingleItem().ShouldBe(deferred, new DmJobComparer());
            (await uow.DmJobs.DeferredDueAsync(0)).ShouldBeEmpty("at most max");
            var due = (await uow.DmJobs.DueAsync(phone))!;
            due.ShouldBe(deferred, new DmJobComparer());
            due.Decisions.ShouldBe([new DmDecision(Start, "deferred")]);
            (await uow.DmJobs.UpdateAsync(due with { State = DmJobState.Done, Report = "{\"restored\":[]}" })).ShouldBeTrue();
            await uow.CommitAsync();
        }

        await using var read = await Store.BeginReadAsync();
        (await read.DmJobs.DueAsync(phone)).ShouldBeNull("a finished job is not due");
        (await read.DmJobs.DeferredDueAsync(10)).ShouldBeEmpty("only deferred jobs are retried");
        var done = (await read.DmJobs.ListAsync(phone)).ShouldHaveSingleItem();
        done.State.ShouldBe(DmJobState.Done);
        done.Report.ShouldBe("{\"restored\":[]}");
        (await read.DmJobs.GetAsync(done.Id))!.Attempts.ShouldBe(1);
    }

    /// <summary>Jobs compare by value except their decision lists (records compare lists by reference).</summary>
    private sealed class DmJobComparer : IEqualityComparer<DmJob>
    {
        public bool Equals(DmJob? x, DmJob? y) =>
            x is not null && y is not null && x with { Decisions = [] } == y with { Decisions = [] } && x.Decisions.SequenceEqual(y.Decisions);

        public int GetHashCode(DmJob obj) => obj.Id.GetHashCode();
    }
}
