using Coffer.Storage;

namespace Coffer.Server.Web;

/// <summary>Datastores by the names the pages use in URLs (contacts, events, tasks, notes, mail, sms, photos, files).</summary>
public static class StoreNames
{
    public static IReadOnlyList<DatastoreKind> All { get; } = Enum.GetValues<DatastoreKind>();

    public static DatastoreKind? Parse(string? name) =>
        name is { Length: > 0 } && char.IsLetter(name[0]) && Enum.TryParse<DatastoreKind>(name, ignoreCase: true, out var kind) ? kind : null;

    public static string Of(DatastoreKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The datastore as a heading says it.</summary>
    public static string Title(DatastoreKind kind) => kind switch
    {
        DatastoreKind.Events => "Calendar",
        DatastoreKind.Sms => "SMS",
        DatastoreKind.AppData => "App data",
        DatastoreKind.Profile => "Device profile",
        _ => kind.ToString(),
    };
}
