using System.Text;
using Coffer.Storage.Providers;

namespace Coffer.Storage.Tests.Contract;

/// <summary>
/// The integrity check unseals every secret kept outside the items (docs/operations.md "Checking a store"): a device's
/// notification secret, the SIP digest HA1s and a DM account's secrets. One byte damaged in the database is reported
/// by its owner and device, never with the secret.
/// </summary>
public sealed class SealedSecretCheckContractTests : ContractTestBase
{
    private static readonly byte[] NotifySecret = Encoding.ASCII.GetBytes("notify-secret-0123456789");
    private const string DmServerSecret = "dm-server-secret-0123456789";
    private const string Password = "sip password";

    [Theory]
    [StoreData]
    public async Task A_damaged_notification_secret_SIP_HA1_and_DM_secret_are_each_reported_by_owner_and_device(StoreProvider provider)
    {
        await OpenStoreAsync(provider);
        var (alice, _) = await NewUserAsync("alice");
        var credential = SipDigestCredential.Compute("alice", "coffer", Password);
        long device;
        await using (var uow = await Store.BeginAsync())
        {
            device = (await uow.Devices.RegisterAccessAsync(alice, "phone-1")).Id;
            (await uow.Notifications.SetDeviceSecretAsync(device, NotifySecret)).ShouldBeTrue();
            await uow.SipCredentials.SetAsync(alice, credential);
            await uow.DmAccounts.SetAsync(alice, device, "phone-1-dm", "client-credential-hash", DmServerSecret);
            await uow.CommitAsync();
        }

        var clean = await Store.CheckIntegrityAsync();
        clean.Problems.ShouldBeEmpty();
        clean.Payloads.ShouldBe(5L, "notification secret, two HA1s, DM client credential and server secret");

        await DamageAsync("devices", "notify_secret", $"id = {device}");
        await DamageAsync("sip_credentials", "ha1", $"user_id = {alice} AND algorithm = 'MD5'");
        await DamageAsync("dm_accounts", "server_secret", $"device_id = {device}");

        var report = await Store.CheckIntegrityAsync();
        report.Problems.Select(p => p.Where).ShouldBe(
            ["user alice device phone-1 notification secret", "user alice SIP MD5 HA1", "user alice device phone-1 DM server secret"],
            ignoreOrder: true);
        foreach (var problem in report.Problems)
        {
            var text = problem.Where + " " + problem.What;
            text.ShouldNotContain(Encoding.ASCII.GetString(NotifySecret));
            text.ShouldNotContain(credential.Md5Ha1);
            text.ShouldNotContain(DmServerSecret);
        }
    }
}
