using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.SyncML.Auth;

namespace Coffer.Agent.Peer;

/// <summary>
/// The Coffer store an invited agent serves its peers from (docs/agent.md "Peer sync"): SQLite in the agent's state
/// directory (<c>peer-store/</c>), encrypted at rest under its own key file there, with one account,
/// <see cref="UserName"/>, whose password is the session secret of the session being served. The store keeps each
/// peer's anchors and id map under the peer's device id, as the server keeps a phone's.
/// </summary>
public sealed class PeerStore : IAsyncDisposable
{
    /// <summary>The account the peer logs in as; its password is the session secret.</summary>
    public const string UserName = "peer";

    private PeerStore(SqliteCofferStore store, long userId)
    {
        Store = store;
        UserId = userId;
    }

    public ICofferStore Store { get; }

    public long UserId { get; }

    public static string Directory(string stateDir) => Path.Combine(stateDir, "peer-store");

    /// <summary>Opens (creating when missing) the store of <paramref name="stateDir"/> with the account's password set to <paramref name="secret"/>.</summary>
    public static async Task<PeerStore> OpenAsync(string stateDir, string secret, CancellationToken ct)
    {
        var store = new SqliteCofferStore(new StorageOptions { DataDir = Directory(stateDir) }, TimeProvider.System);
        try
        {
            await store.InitializeAsync(ct).ConfigureAwait(false);

            // The secret is used once and is as random as a key; the md5 credential lets the peer authenticate without
            // sending it (syncml:auth-md5, OMA-TS-SyncML-RepPro-V1_2 §4.3).
            var hash = PasswordHasher.Hash(secret);
            var md5 = Md5Auth.CredentialHash(UserName, secret);
            await using var uow = await store.BeginAsync(ct).ConfigureAwait(false);
            var user = await uow.Users.FindByNameAsync(UserName, ct).ConfigureAwait(false)
                ?? await uow.Users.TryCreateAsync(UserName, hash, md5, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"cannot create the account {UserName} in {Directory(stateDir)}");
            await uow.Users.SetPasswordHashAsync(user.Id, hash, md5, ct).ConfigureAwait(false);
            await uow.CommitAsync(ct).ConfigureAwait(false);
            return new PeerStore(store, user.Id);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
