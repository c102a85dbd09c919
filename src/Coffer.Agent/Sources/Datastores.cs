namespace Coffer.Agent.Sources;

/// <summary>
/// The datastores the agent knows, each with the local folder it keeps (under the agent's data folder) and how its
/// items lie there. The server's names are those of docs/sync-engine.md (card, cal, task, note, mail, sms, photos,
/// files). Mail and SMS travel as b64 so they stay byte-identical (XML would turn their CRLFs into LF); mail, SMS,
/// photos and files carry each item's path (<see cref="ItemNames"/>) so a restore recreates the tree.
/// </summary>
public static class Datastores
{
    public static readonly IReadOnlyList<(DatastoreInfo Info, string Folder, Func<string, IItemFolder> Open)> All =
    [
        (new DatastoreInfo("contacts", "card", "./contacts", "Contacts", "text/vcard", "3.0"), "contacts", root => new FlatItemFolder(root, ".vcf")),
        (new DatastoreInfo("calendar", "cal", "./calendar", "Calendar", "text/calendar", "2.0"), "calendar", root => new FlatItemFolder(root, ".ics")),
        (new DatastoreInfo("tasks", "task", "./tasks", "Tasks", "text/calendar", "2.0"), "tasks", root => new FlatItemFolder(root, ".ics")),
        (new DatastoreInfo("notes", "note", "./notes", "Notes", "text/plain", "1.0"), "notes", root => new TextFileFolder(new FlatItemFolder(root, ".txt"))),
        (new DatastoreInfo("sms", "sms", "./sms", "SMS", "text/x-vMessage", "1.1", Binary: true, Named: true), "sms", root => new FileTreeFolder(root, ".vmg", recursive: false)),
        (new DatastoreInfo("mail", "mail", "./mail", "Mail", "message/rfc822", "1.0", Binary: true, Named: true), "mail", root => new MaildirFolder(root)),
        (new DatastoreInfo("photos", "photos", "./photos", "Photos", "application/octet-stream", "1.0", Binary: true, Named: true), "photos", root => new FileTreeFolder(root, null, recursive: true)),
        (new DatastoreInfo("files", "files", "./files", "Files", "application/octet-stream", "1.0", Binary: true, Named: true), "files", root => new FileTreeFolder(root, null, recursive: true)),

        // Items named by device (DEVICE/path) with private keys sealed: it needs the device and the password, so runs open it through AgentFolders.
        (new DatastoreInfo("profile", "profile", "./profile", "Device profile", "application/octet-stream", "1.0", Binary: true, Named: true), "profile", _ => throw new InvalidOperationException("the profile folder is opened by AgentFolders")),
        (new DatastoreInfo("appdata", "appdata", "./appdata", "App data", "application/octet-stream", "1.0", Binary: true, Named: true), "appdata", root => new AppData.AppDataFolder(root)),
    ];

    public static IEnumerable<string> Names => All.Select(d => d.Info.Name);

    /// <summary>The datastore named <paramref name="name"/>; null when there is none.</summary>
    public static (DatastoreInfo Info, string Folder, Func<string, IItemFolder> Open)? Find(string name) =>
        All.Where(d => string.Equals(d.Info.Name, name, StringComparison.OrdinalIgnoreCase)).Select(d => ((DatastoreInfo, string, Func<string, IItemFolder>)?)d).FirstOrDefault();

    /// <summary>
    /// What a backup or sync covers when neither the command nor the configuration names datastores: contacts,
    /// calendar, tasks and notes always, mail, SMS, photos, files, the profile and app data when their folder exists.
    /// </summary>
    public static IReadOnlyList<string> Defaults(string dataDir) =>
        [.. All.Where(d => !d.Info.Named || Directory.Exists(Path.Combine(dataDir, d.Folder))).Select(d => d.Info.Name)];

    /// <summary>The folder of items of <paramref name="name"/> under <paramref name="dataDir"/>.</summary>
    public static IItemFolder Folder(string dataDir, string name)
    {
        var d = Find(name) ?? throw new ArgumentException($"no datastore {name}", nameof(name));
        return d.Open(Path.Combine(dataDir, d.Folder));
    }
}
