using System.Globalization;
using Coffer.Storage;

namespace Coffer.LoadBench.Load;

/// <summary>Creates the phones' accounts straight in the server's store (SQLite data directory or PostgreSQL), through Coffer.Storage.</summary>
public static class UserSetup
{
    private const int Batch = 500;

    public static string UserName(string prefix, int index) => prefix + index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Creates PREFIX0001..PREFIXNNNN (existing ones are left as they are); returns how many were new.</summary>
    public static async Task<int> CreateUsersAsync(ICofferStore store, string prefix, int count, string password, CancellationToken ct)
    {
        // Bench shortcut: one PBKDF2 hash (one salt) stored for every account, because hashing each would cost ~0.17 s
        // of CPU per user here (3 minutes for 1,000). The server still runs the full PBKDF2 check once per user, on that
        // user's first login, as it would for accounts created one by one; only the salt is shared.
        var hash = PasswordHasher.Hash(password);
        var created = 0;
        for (var start = 1; start <= count; start += Batch)
        {
            await using var uow = await store.BeginAsync(ct);
            for (var i = start; i < start + Batch && i <= count; i++)
            {
                if (await uow.Users.TryCreateAsync(UserName(prefix, i), hash, null, ct) != null)
                {
                    created++;
                }
            }

            await uow.CommitAsync(ct);
        }

        return created;
    }
}
