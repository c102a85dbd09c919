using Coffer.Agent.Protocol;
using Coffer.Agent.Sources;
using Coffer.LoadBench.Device;

namespace Coffer.LoadBench.Load;

/// <summary>
/// A simulated phone and its user: the agent's sync client over an in-memory address book; fills the book and makes
/// the local changes between syncs.
/// </summary>
public sealed class BenchPhone
{
    /// <summary>The phone's one datastore: vCard 2.1 as older phones send it, to the server's <c>contacts</c>.</summary>
    public static readonly DatastoreInfo ContactsDatastore = new("contacts", "contacts", "./contacts", "Contacts", "text/x-vcard", "2.1");

    private readonly ContactGenerator generator;
    private readonly Random random;

    public BenchPhone(SyncClient client, int seed)
    {
        Client = client;
        generator = new ContactGenerator(seed);
        random = new Random(seed);
    }

    public SyncClient Client { get; }

    public ContactBook Contacts { get; } = new(ContactsDatastore);

    public string User => Client.Account.User;

    public string Name => Client.Account.DeviceId;

    public Task<SessionResult> SyncAsync(int alertCode, CancellationToken ct) => Client.SyncAsync(Contacts, alertCode, ct);

    public void Fill(int contacts)
    {
        for (var i = 0; i < contacts; i++)
        {
            Contacts.Add(generator.Next());
        }
    }

    /// <summary>Edits, adds and deletes contacts of its own, each one distinct (an edited contact is not deleted).</summary>
    public void MakeChanges(ChangeMix mix, int round)
    {
        var luids = Contacts.Items.Keys.ToArray();
        random.Shuffle(luids);
        var picked = luids.AsSpan(0, Math.Min(luids.Length, mix.Replaces + mix.Deletes));
        for (var i = 0; i < picked.Length; i++)
        {
            var luid = picked[i];
            if (i < mix.Replaces)
            {
                Contacts.Replace(luid, generator.Edit(Contacts.Items[luid], round));
            }
            else
            {
                Contacts.Delete(luid);
            }
        }

        for (var i = 0; i < mix.Adds; i++)
        {
            Contacts.Add(generator.Next());
        }
    }
}
