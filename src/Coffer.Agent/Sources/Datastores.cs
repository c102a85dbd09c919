namespace Coffer.Agent.Sources;

/// <summary>
/// The datastores the agent knows, each with the local folder it keeps (under the agent's data folder) and the file
/// extension of its items. The server's names are those of docs/sync-engine.md (card, cal, task, note).
/// </summary>
public static class Datastores
{
    public static readonly IReadOnlyList<(DatastoreInfo Info, string Folder, string Extension)> All =
    [
        (new DatastoreInfo("contacts", "card", "./contacts", "Contacts", "text/vcard", "3.0"), "contacts", ".vcf"),
        (new DatastoreInfo("calendar", "cal", "./calendar", "Calendar", "text/calendar", "2.0"), "calendar", ".ics"),
        (new DatastoreInfo("tasks", "task", "./tasks", "Tasks", "text/calendar", "2.0"), "tasks", ".ics"),
        (new DatastoreInfo("notes", "note", "./notes", "Notes", "text/plain", "1.0"), "notes", ".txt"),
    ];

    public static IEnumerable<string> Names => All.Select(d => d.Info.Name);

    /// <summary>The datastore named <paramref name="name"/>; null when there is none.</summary>
    public static (DatastoreInfo Info, string Folder, string Extension)? Find(string name) =>
        All.Where(d => string.Equals(d.Info.Name, name, StringComparison.OrdinalIgnoreCase)).Select(d => ((DatastoreInfo, string, string)?)d).FirstOrDefault();

    /// <summary>The folder of items of <paramref name="name"/> under <paramref name="dataDir"/>.</summary>
    public static IItemFolder Folder(string dataDir, string name)
    {
        var d = Find(name) ?? throw new ArgumentException($"no datastore {name}", nameof(name));
        var folder = new FlatItemFolder(Path.Combine(dataDir, d.Folder), d.Extension);
        return d.Info.ContentType == "text/plain" ? new TextFileFolder(folder) : folder;
    }
}
