using System.Globalization;
using Coffer.Storage;

namespace Coffer.Cli.Commands;

/// <summary>The lookups the data verbs (area, history, quota) share.</summary>
internal static class CliStore
{
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
