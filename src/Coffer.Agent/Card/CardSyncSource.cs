using System.Globalization;
using System.Text;
using Coffer.Agent.Sources;

namespace Coffer.Agent.Card;

/// <summary>
/// A card as the SyncML client's datastore, for one peer, following seed 002: the Last anchor is the card's last sync
/// object with the peer and the Next anchor the one NewSync proposed (<see cref="NewSync"/>); a normal sync sends what
/// GetChanges names, read from the card, a slow sync every item; what the peer sends is written into the card as the
/// peer's own; and when the session completed, StoreSync. The LUIDs are the card's item ids.
/// </summary>
public sealed class CardSyncSource(CardFile card, NewSyncAnswer newSync) : ISyncSource
{
    private readonly Dictionary<string, long> unanswered = new(StringComparer.Ordinal);

    public DatastoreInfo Datastore => CardDatastore.Info;

    public NewSyncAnswer NewSync => newSync;

    public string? LastAnchor => newSync.Last?.Id;

    /// <summary>What GetChanges named at the start of the session (every item as added for a card new to the peer).</summary>
    public CardChanges? Changes { get; private set; }

    public IReadOnlyList<LocalChange> CollectChanges(bool all)
    {
        Changes = card.Register.GetChanges(newSync.Peer);
        var changes = new List<LocalChange>();
        if (all)
        {
            // Seed 002 step 2: the sync objects do not match, so all the card's content is supposed added.
            changes.AddRange(card.Items.All().Select(i => new LocalChange(ChangeKind.Add, Luid(i.Id), ItemBody.FromBytes(Encoding.UTF8.GetBytes(i.VCard)))));
        }
        else
        {
            changes.AddRange(Read(ChangeKind.Add, Changes.Added));
            changes.AddRange(Read(ChangeKind.Replace, Changes.Modified));
            changes.AddRange(Changes.Deleted.Select(id => new LocalChange(ChangeKind.Delete, Luid(id), null)));
        }

        foreach (var change in changes)
        {
            unanswered[change.Luid] = long.Parse(change.Luid, CultureInfo.InvariantCulture);
        }

        return changes;
    }

    public void Acknowledged(LocalChange change) => unanswered.Remove(change.Luid);

    public string AddFromServer(string guid, ItemBody content, string? name) =>
        Luid(card.Items.AddFromPeer(newSync.Peer, guid, Text(content)));

    public bool ReplaceFromServer(string luid, ItemBody content) =>
        long.TryParse(luid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && card.Items.ReplaceFromPeer(newSync.Peer, id, Text(content));

    public bool DeleteFromServer(string luid) =>
        long.TryParse(luid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && card.Items.DeleteFromPeer(newSync.Peer, id);

    public void Completed(string nextAnchor, bool slow)
    {
        if (!string.Equals(nextAnchor, newSync.Proposed.Id, StringComparison.Ordinal))
        {
            throw new CardException($"the session completed with anchor {nextAnchor}, not the card's proposed sync object {newSync.Proposed.Id}");
        }

        // What the peer refused (or never answered) is offered again next time, after the sync object stored now.
        card.Register.Requeue(unanswered.Values.ToList());
        card.SyncObjects.StoreSync(newSync.Peer, newSync.Proposed.Id);
    }

    private static string Luid(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Text(ItemBody content) => Encoding.UTF8.GetString(content.ReadAll());

    private IEnumerable<LocalChange> Read(ChangeKind kind, IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            // An item another host deleted since GetChanges: its delete is registered, and goes next time.
            if (card.Items.Read(id) is { } vcard)
            {
                yield return new LocalChange(kind, Luid(id), ItemBody.FromBytes(Encoding.UTF8.GetBytes(vcard)));
            }
        }
    }
}
