using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coffer.Storage;
using Coffer.Storage.Providers;

namespace Coffer.SipBench;

/// <summary>
/// Creates COUNT accounts (sip00001, sip00002, ...) each with its own random password and that password's SIP HA1s
/// in a fresh SQLite store, through the storage contract as <c>coffer user add</c> does, in one transaction; and
/// writes the same users for the load generator and for Kamailio: <c>users.csv</c> (SIPp injection file) and
/// <c>subscriber</c> (Kamailio's db_text table, HA1 only).
/// </summary>
public static class BenchUsers
{
    /// <summary>
    /// The accounts' PBKDF2 iterations. The product's default (210,000) costs about 0.2 s a user, half an hour for
    /// 10,000; the REGISTER path never reads this hash (digest uses HA1), and a login upgrades it to the default
    /// (<see cref="PasswordHasher.NeedsRehash"/>), so a low count here changes nothing the benchmark measures.
    /// </summary>
    private const int SeedIterations = 1_000;

    public static async Task SeedAsync(string dataDir, int count, string realm, string outputDir)
    {
        Directory.CreateDirectory(outputDir);
        var users = Enumerable.Range(1, count)
            .Select(i => (Name: "sip" + i.ToString("D5", CultureInfo.InvariantCulture), Password: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))))
            .ToList();
        var hashes = new string[count];
        Parallel.For(0, count, i => hashes[i] = PasswordHasher.Hash(users[i].Password, SeedIterations));

        await using (var store = StoreFactory.Create(StoreProvider.Sqlite, null, new StorageOptions { DataDir = dataDir }))
        {
            await store.InitializeAsync();
            await using var uow = await store.BeginAsync();
            for (var i = 0; i < count; i++)
            {
                var user = await uow.Users.TryCreateAsync(users[i].Name, hashes[i])
                    ?? throw new InvalidOperationException($"user {users[i].Name} exists already: seed a fresh data directory");
                await uow.SipCredentials.SetAsync(user.Id, SipDigestCredential.Compute(user.Name, realm, users[i].Password));
            }

            await uow.CommitAsync();
        }

        // SIPp: SEQUENTIAL, one line per call; field0 the user, then the [authentication] keyword (sipp(1)).
        var csv = new StringBuilder("SEQUENTIAL\n");
        // Kamailio db_text (modules/db_text/README): a header line of typed columns, then rows, ':' separated.
        var subscriber = new StringBuilder("id(int,auto) username(string) domain(string) password(string,null) ha1(string) ha1b(string,null)\n");
        for (var i = 0; i < count; i++)
        {
            var (name, password) = users[i];
            csv.Append(CultureInfo.InvariantCulture, $"{name};[authentication username={name} password={password}]\n");
            var ha1 = SipDigestCredential.Compute(name, realm, password).Md5Ha1;
            subscriber.Append(CultureInfo.InvariantCulture, $"{i + 1}:{name}:{realm}::{ha1}:\n");
        }

        await File.WriteAllTextAsync(Path.Combine(outputDir, "users.csv"), csv.ToString());
        await File.WriteAllTextAsync(Path.Combine(outputDir, "subscriber"), subscriber.ToString());
        Console.WriteLine($"seeded {count} users in {dataDir}; {outputDir}/users.csv, {outputDir}/subscriber");
    }
}
