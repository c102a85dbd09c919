using System.Text.Json;
using Coffer.Agent.Profile;
using Coffer.Agent.Sources;
using Coffer.SyncML;

namespace Coffer.Agent.Dm;

/// <summary>
/// The applications as the tree sees them: installed ones from <c>apps/apps.json</c> and their packages under
/// <c>apps/</c>; apps a server added but has not installed yet (Exec Install) are staged in a folder of their own
/// (entry and package), outside the profile, until the Exec merges them in. All writes go through the journal.
/// </summary>
public sealed class DmAppStore(DmProfileFiles files, string stagingRoot)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string AppListFile => ItemPaths.Full(files.Root, ProfileLayout.AppListFile);

    public IEnumerable<string> Ids() =>
        Installed().Apps.Select(a => a.Id)
            .Concat(Directory.Exists(stagingRoot) ? Directory.EnumerateFiles(stagingRoot, "*.json").Select(f => Uri.UnescapeDataString(Path.GetFileNameWithoutExtension(f))) : [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    public AppEntry? Find(string id) => Staged(id) ?? Installed().Apps.FirstOrDefault(a => a.Id == id);

    public bool IsStaged(string id) => File.Exists(StagedEntryFile(id));

    /// <summary>The package's bytes: the staged one, else the installed file; null when there is none.</summary>
    public byte[]? Package(string id)
    {
        if (File.Exists(StagedPackageFile(id)))
        {
            return File.ReadAllBytes(StagedPackageFile(id));
        }

        return !IsStaged(id) && Find(id) is { Package: { } name } && ItemPaths.IsSafe(name) && files.Exists("apps/" + name)
            ? files.Read("apps/" + name, DmFileKind.Binary)
            : null;
    }

    /// <summary>Add of ./Coffer/Backup/Apps/ID: a staged app with no fields yet.</summary>
    public void Stage(string id) => files.Journal.Write(StagedEntryFile(id), JsonSerializer.SerializeToUtf8Bytes(new AppEntry(id, null, null), Json));

    /// <summary>A field changed: in the staged entry while staged, else in apps.json at once.</summary>
    public void Update(string id, Func<AppEntry, AppEntry> change)
    {
        var entry = Find(id) ?? throw new DmCommandException(StatusCode.NotFound, $"no app {id}");
        if (IsStaged(id))
        {
            files.Journal.Write(StagedEntryFile(id), JsonSerializer.SerializeToUtf8Bytes(change(entry), Json));
        }
        else
        {
            files.Journal.Write(AppListFile, Installed().With([change(entry)]).ToBytes());
        }
    }

    public void SetPackage(string id, byte[] package)
    {
        var entry = Find(id) ?? throw new DmCommandException(StatusCode.NotFound, $"no app {id}");
        if (IsStaged(id))
        {
            files.Journal.Write(StagedPackageFile(id), package);
        }
        else
        {
            files.Write("apps/" + PackageName(entry), package, DmFileKind.Binary);
            if (entry.Package == null)
            {
                Update(id, e => e with { Package = PackageName(e) });
            }
        }
    }

    /// <summary>Exec Install: the staged package written under apps/, the entry merged into apps.json by id.</summary>
    public void Install(string id)
    {
        var entry = Find(id) ?? throw new DmCommandException(StatusCode.NotFound, $"no app {id}");
        if (!IsStaged(id))
        {
            return;
        }

        var package = File.Exists(StagedPackageFile(id)) ? File.ReadAllBytes(StagedPackageFile(id)) : null;
        if (package != null)
        {
            entry = entry with { Package = PackageName(entry) };
            files.Write("apps/" + entry.Package, package, DmFileKind.Binary);
        }
        else
        {
            entry = entry with { Package = null };
        }

        files.Journal.Write(AppListFile, Installed().With([entry]).ToBytes());
        files.Journal.Delete(StagedEntryFile(id));
        files.Journal.Delete(StagedPackageFile(id));
    }

    public void Remove(string id)
    {
        if (IsStaged(id))
        {
            files.Journal.Delete(StagedEntryFile(id));
            files.Journal.Delete(StagedPackageFile(id));
            return;
        }

        var list = Installed();
        var entry = list.Apps.First(a => a.Id == id);
        if (entry.Package is { } name && ItemPaths.IsSafe(name) && files.Exists("apps/" + name))
        {
            files.Delete("apps/" + name);
        }

        files.Journal.Write(AppListFile, new AppList([.. list.Apps.Where(a => a.Id != id)]).ToBytes());
    }

    private static string PackageName(AppEntry entry) =>
        entry.Package is { } name && ItemPaths.IsSafe(name) && !name.Contains('/', StringComparison.Ordinal) ? name : DmNames.Escape(entry.Id) + ".pkg";

    private AppList Installed() => AppList.Read(AppListFile);

    private AppEntry? Staged(string id) =>
        File.Exists(StagedEntryFile(id)) ? JsonSerializer.Deserialize<AppEntry>(File.ReadAllBytes(StagedEntryFile(id)), Json) : null;

    private string StagedEntryFile(string id) => Path.Combine(stagingRoot, DmNames.Escape(id) + ".json");

    private string StagedPackageFile(string id) => Path.Combine(stagingRoot, DmNames.Escape(id) + ".package");
}
