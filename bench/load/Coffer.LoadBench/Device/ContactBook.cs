using System.Globalization;
using System.Text;
using Coffer.Agent.Sources;

namespace Coffer.LoadBench.Device;

/// <summary>
/// The phone's address book: vCards by LUID, and the local changes made since the last completed session, which a
/// two-way sync sends (OMA-TS-DS_Protocol-V1_2 §5.7 "Sending modifications to server"). Changes the server sends are
/// applied without being recorded as local changes. The agent's sync client drives it as one datastore.
/// </summary>
public sealed class ContactBook(DatastoreInfo datastore) : ISyncSource
{
    private readonly Dictionary<string, string> items = new(StringComparer.Ordinal);
    private readonly HashSet<string> added = new(StringComparer.Ordinal);
    private readonly HashSet<string> replaced = new(StringComparer.Ordinal);
    private readonly HashSet<string> deleted = new(StringComparer.Ordinal);
    private int nextLuid;

    public DatastoreInfo Datastore => datastore;

    public string? LastAnchor { get; private set; }

    public int Count => items.Count;

    public IReadOnlyDictionary<string, string> Items => items;

    public int PendingChanges => added.Count + replaced.Count + deleted.Count;

    public string Add(string vcard)
    {
        var luid = NewLuid();
        items[luid] = vcard;
        added.Add(luid);
        return luid;
    }

    public void Replace(string luid, string vcard)
    {
        if (!items.ContainsKey(luid))
        {
            throw new ArgumentException($"no contact {luid}", nameof(luid));
        }

        items[luid] = vcard;
        if (!added.Contains(luid))
        {
            replaced.Add(luid);
        }
    }

    public void Delete(string luid)
    {
        if (!items.Remove(luid))
        {
            throw new ArgumentException($"no contact {luid}", nameof(luid));
        }

        replaced.Remove(luid);
        if (!added.Remove(luid))
        {
            deleted.Add(luid);
        }
    }

    /// <summary>The local changes, or every contact as an Add for a slow sync (OMA-TS-DS_Protocol-V1_2 §5.7, §5.8).</summary>
    public IReadOnlyList<LocalChange> CollectChanges(bool all)
    {
        if (all)
        {
            return [.. items.Keys.Order(StringComparer.Ordinal).Select(luid => Change(ChangeKind.Add, luid))];
        }

        var changes = new List<LocalChange>(PendingChanges);
        changes.AddRange(added.Order(StringComparer.Ordinal).Select(luid => Change(ChangeKind.Add, luid)));
        changes.AddRange(replaced.Order(StringComparer.Ordinal).Select(luid => Change(ChangeKind.Replace, luid)));
        changes.AddRange(deleted.Order(StringComparer.Ordinal).Select(luid => new LocalChange(ChangeKind.Delete, luid, null)));
        return changes;
    }

    // The book forgets its changes only when the whole session completed, as the bench's phones always did.
    public void Acknowledged(LocalChange change)
    {
    }

    /// <summary>The session completed: the server holds every local change.</summary>
    public void Completed(string nextAnchor, bool slow)
    {
        LastAnchor = nextAnchor;
        added.Clear();
        replaced.Clear();
        deleted.Clear();
    }

    /// <summary>Stores an item the server added and returns its new LUID, for the Map.</summary>
    public string AddFromServer(string guid, ItemBody content, string? name)
    {
        var luid = NewLuid();
        items[luid] = Encoding.UTF8.GetString(content.ReadAll());
        return luid;
    }

    public bool ReplaceFromServer(string luid, ItemBody content)
    {
        if (!items.ContainsKey(luid))
        {
            return false;
        }

        items[luid] = Encoding.UTF8.GetString(content.ReadAll());
        return true;
    }

    public bool DeleteFromServer(string luid) => items.Remove(luid);

    private string NewLuid() => (++nextLuid).ToString(CultureInfo.InvariantCulture);

    private LocalChange Change(ChangeKind kind, string luid) => new(kind, luid, Encoding.UTF8.GetBytes(items[luid]));
}
