using Coffer.Storage;

namespace Coffer.LoadBench.Load;

/// <summary>
/// After the phases: each phone's address book against its account's live contacts in the server's store, read
/// through Coffer.Storage in a read transaction (SQLite's WAL lets it read beside the running server; PostgreSQL's
/// snapshot does anyway). A phone whose last session completed must hold exactly as many contacts as the server.
/// </summary>
public static class StoreCheck
{
    /// <summary>Returns the phones whose count differs, as "device: phone N, server M".</summary>
    public static async Task<List<string>> CompareAsync(ICofferStore store, IReadOnlyList<BenchPhone> phones, CancellationToken ct)
    {
        var differences = new List<string>();
        await using var uow = await store.BeginReadAsync(ct);
        foreach (var phone in phones)
        {
            var user = await uow.Users.FindByNameAsync(phone.User, ct);
            var datastore = user == null ? null : await uow.Datastores.GetAsync(user.Id, DatastoreKind.Contacts, ct);
            var live = datastore == null ? 0 : await uow.Items.CountLiveAsync(datastore.Id, ct);
            if (live != phone.Contacts.Count)
            {
                differences.Add($"{phone.Name}: phone {phone.Contacts.Count}, server {live}");
            }
        }

        return differences;
    }
}
