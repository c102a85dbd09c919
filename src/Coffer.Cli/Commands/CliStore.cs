using System.Globalization;
using Coffer.Storage;
using Coffer.Storage.Sqlite;

namespace Coffer.Cli.Commands;

/// <summary>The store of a data directory and the lookups the data verbs (area, history, quota) share.</summary>
internal static class CliStore
{
    public static SqliteCofferStore Open(DirectoryInfo data)
    {
        PrivateFiles.EnsureDirectory(data.FullName);
        return new SqliteCofferStore(new StorageOptions { DataDir = data.FullName });
    }

    public static async Task<UserAccount?> FindUserAsync(ICofferStore store, string name, CancellationToken ct)
    {
        await using var uow = await store.BeginReadAsync(ct);
        return await uow.Users.FindByNameAsync(name, ct);
    }

    /// <summary>A datastore by its name (contacts, events, tasks, notes, mail, sms, photos, files).</summary>
    public static bool TryKind(string name, out DatastoreKind kind) =>
        Enum.TryParse(name, ignoreCase: true, out kind) && name.Length > 0 && char.IsLetter(name[0]);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
