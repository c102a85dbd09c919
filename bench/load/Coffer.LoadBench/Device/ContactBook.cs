using System.Globalization;
using Coffer.SyncML;

namespace Coffer.LoadBench.Device;

/// <summary>
/// The phone's address book: vCards by LUID, and the local changes made since the last completed session, which a
/// two-way sync sends (OMA-TS-DS_Protocol-V1_2 §5.7 "Sending modifications to server"). Changes the server sends are
/// applied without being recorded as local changes.
/// </summary>
public sealed class ContactBook
{
    private readonly Dictionary<string, string> items = new(StringComparer.Ordinal);
    private readonly HashSet<string> added = new(StringComparer.Ordinal);
    private readonly HashSet<string> replaced = new(StringComparer.Ordinal);
    private readonly HashSet<string> deleted = new(StringComparer.Ordinal);
    private int nextLuid;

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

    /// <summary>The local changes as Add / Replace / Delete commands, Source = LUID (OMA-TS-DS_Protocol-V1_2 §5.7).</summary>
    public List<ItemCommand> ChangeCommands(string contentType)
    {
        var commands = new List<ItemCommand>(PendingChanges);
        commands.AddRange(added.Order(StringComparer.Ordinal).Select(luid => WithData(new AddCommand(), luid, contentType)));
        commands.AddRange(replaced.Order(StringComparer.Ordinal).Select(luid => WithData(new ReplaceCommand(), luid, contentType)));
        foreach (var luid in deleted.Order(StringComparer.Ordinal))
        {
            var delete = new DeleteCommand();
            delete.Items.Add(new Item { Source = new SyncLocation(luid) });
            commands.Add(delete);
        }

        return commands;
    }

    /// <summary>Every contact, for a slow sync, where the client sends all its data (OMA-TS-DS_Protocol-V1_2 §5.8).</summary>
    public List<ItemCommand> AllAsAdds(string contentType) =>
        [.. items.Keys.Order(StringComparer.Ordinal).Select(luid => WithData(new AddCommand(), luid, contentType))];

    /// <summary>The session completed: the server holds every local change.</summary>
    public void MarkSynced()
    {
        added.Clear();
        replaced.Clear();
        deleted.Clear();
    }

    /// <summary>Stores an item the server added and returns its new LUID, for the Map.</summary>
    public string StoreFromServer(string vcard)
    {
        var luid = NewLuid();
        items[luid] = vcard;
        return luid;
    }

    public bool UpdateFromServer(string luid, string vcard)
    {
        if (!items.ContainsKey(luid))
        {
            return false;
        }

        items[luid] = vcard;
        return true;
    }

    public bool RemoveFromServer(string luid) => items.Remove(luid);

    private string NewLuid() => (++nextLuid).ToString(CultureInfo.InvariantCulture);

    private ItemCommand WithData(ItemCommand command, string luid, string contentType)
    {
        command.Meta = new MetInf { Type = contentType };
        command.Items.Add(new Item { Source = new SyncLocation(luid), Data = ItemData.FromText(items[luid]) });
        return command;
    }
}
