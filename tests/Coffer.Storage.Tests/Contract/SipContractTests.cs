using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>SIP digest HA1s and registrar bindings, alike in every backend.</summary>
public sealed class SipContractTests : ContractTestBase
{
    [Theory]
    [StoreData]
    public async Task A_stored_HA1_is_found_by_name_realm_and_algorithm_and_goes_with_the_password(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("Alice");
        var credential = SipDigestCredential.Compute("Alice", "coffer", "s3cret");
        await using (var uow = await Store.BeginAsync())
        {
            await uow.SipCredentials.SetAsync(alice, credential);
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            (await read.SipCredentials.FindAsync("alice", "coffer", "MD5")).ShouldBe(new SipDigestAccount(alice, "Alice", credential.Md5Ha1));
            (await read.SipCredentials.FindAsync("Alice", "coffer", "sha-256")).ShouldBe(new SipDigestAccount(alice, "Alice", credential.Sha256Ha1));
            (await read.SipCredentials.FindAsync("Alice", "other", "MD5")).ShouldBeNull("an HA1 is valid for its realm only");
            (await read.SipCredentials.FindAsync("Alice", "coffer", "SHA-512-256")).ShouldBeNull();
            (await read.SipCredentials.FindAsync("bob", "coffer", "MD5")).ShouldBeNull();
        }

        // RFC 2617 §3.2.2.2: HA1 = MD5(user:realm:password).
        credential.Md5Ha1.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("Alice:coffer:s3cret"u8)));

        await using (var uow = await Store.BeginAsync())
        {
            await uow.Users.SetDisabledAsync(alice, true);
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            (await read.SipCredentials.FindAsync("Alice", "coffer", "MD5")).ShouldBeNull("a disabled account does not register");
        }

        await using (var uow = await Store.BeginAsync())
        {
            await uow.Users.SetDisabledAsync(alice, false);
            await uow.Users.SetPasswordHashAsync(alice, PasswordHasher.Hash("another", 1000));
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            (await read.SipCredentials.FindAsync("Alice", "coffer", "MD5")).ShouldBeNull("a new password without new HA1s leaves none");
        }
    }

    [Theory]
    [StoreData]
    public async Task Bindings_are_kept_per_user_and_device_and_expire(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var (bob, _) = await NewUserAsync("bob");
        var now = Clock.GetUtcNow();
        var phone = new StoredSipBinding(alice, "alice", "phone", "<sip:phone@192.0.2.1:5060>", "UDP 192.0.2.1:5060", now.AddSeconds(60), "call-1", 1, "node-a");
        await using (var uow = await Store.BeginAsync())
        {
            await uow.SipBindings.PutAsync(phone);
            await uow.SipBindings.PutAsync(phone with { Device = "laptop", Contact = "<sip:laptop@192.0.2.2>", ExpiresAt = now.AddSeconds(20) });
            await uow.SipBindings.PutAsync(phone with { UserId = bob, UserName = "bob", Device = "tablet" });
            await uow.CommitAsync();
        }

        // A refresh replaces the device's binding.
        await using (var uow = await Store.BeginAsync())
        {
            await uow.SipBindings.PutAsync(phone with { Received = "TCP 192.0.2.9:40000", CSeq = 2, ExpiresAt = now.AddSeconds(50), Node = "node-b" });
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            var mine = await read.SipBindings.ListAsync(alice, now);
            mine.Select(b => b.Device).ShouldBe(["laptop", "phone"]);
            mine[1].ShouldBe(phone with { Received = "TCP 192.0.2.9:40000", CSeq = 2, ExpiresAt = now.AddSeconds(50), Node = "node-b" });
            (await read.SipBindings.ListAllAsync(now)).Select(b => (b.UserName, b.Device)).ShouldBe([("alice", "laptop"), ("alice", "phone"), ("bob", "tablet")]);

            // Expired is gone at once, before any purge.
            (await read.SipBindings.ListAsync(alice, now.AddSeconds(20))).Select(b => b.Device).ShouldBe(["phone"]);
        }

        await using (var uow = await Store.BeginAsync())
        {
            (await uow.SipBindings.PurgeExpiredAsync(now.AddSeconds(55))).ShouldBe(2, "alice's laptop and phone");
            (await uow.SipBindings.RemoveAsync(alice, "phone")).ShouldBeFalse("purged already");
            await uow.CommitAsync();
        }

        await using (var uow = await Store.BeginAsync())
        {
            (await uow.SipBindings.ListAllAsync(now)).Select(b => b.Device).ShouldBe(["tablet"]);
            (await uow.SipBindings.RemoveAsync(bob, "tablet")).ShouldBeTrue();
            await uow.SipBindings.PutAsync(phone);
            (await uow.Users.DeleteAsync(alice)).ShouldBeTrue();
            await uow.CommitAsync();
        }

        await using (var read = await Store.BeginReadAsync())
        {
            (await read.SipBindings.ListAllAsync(now)).ShouldBeEmpty();
        }
    }
}
