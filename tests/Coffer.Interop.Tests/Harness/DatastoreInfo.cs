namespace Coffer.Interop.Tests.Harness;

/// <summary>SyncEvolution configuration facts per <see cref="Datastore"/>.</summary>
public static class DatastoreInfo
{
    /// <summary>The four datastores a phone syncs when a sync names none.</summary>
    public static IReadOnlyList<Datastore> Default { get; } = [Datastore.Contacts, Datastore.Calendar, Datastore.Todo, Datastore.Memo];

    public static IReadOnlyList<Datastore> All { get; } = Enum.GetValues<Datastore>();

    /// <summary>The local datastore ("source") name in the SyncEvolution config and status.ini.</summary>
    public static string LocalName(this Datastore datastore) => datastore switch
    {
        Datastore.Contacts => "contacts",
        Datastore.Calendar => "calendar",
        Datastore.Todo => "todo",
        Datastore.Memo => "memo",
        Datastore.Contacts21 => "contacts21",
        Datastore.Vcal => "vcal",
        _ => throw new ArgumentOutOfRangeException(nameof(datastore)),
    };

    /// <summary>The server-side datastore name (Target LocURI) the reference server uses.</summary>
    public static string DefaultRemoteName(this Datastore datastore) => datastore switch
    {
        Datastore.Contacts => "card",
        Datastore.Calendar => "cal",
        Datastore.Todo => "task",
        Datastore.Memo => "note",
        Datastore.Contacts21 => "card21",
        Datastore.Vcal => "vcal",
        _ => throw new ArgumentOutOfRangeException(nameof(datastore)),
    };

    /// <summary>File extension used by the harness's item helpers (the file backend ignores it).</summary>
    public static string FileExtension(this Datastore datastore) => datastore switch
    {
        Datastore.Contacts or Datastore.Contacts21 => ".vcf",
        Datastore.Calendar or Datastore.Todo or Datastore.Vcal => ".ics",
        _ => ".txt",
    };

    /// <summary>The datastore whose status.ini/config name is <paramref name="localName"/>.</summary>
    public static Datastore FromLocalName(string localName)
    {
        foreach (var datastore in All)
        {
            if (datastore.LocalName() == localName)
            {
                return datastore;
            }
        }

        throw new ArgumentException($"Unknown datastore {localName}", nameof(localName));
    }

    /// <summary>The file backend properties of one datastore (database format, forced wire format).</summary>
    internal static IEnumerable<string> ConfigProperties(this Datastore datastore, string folder, string remoteName)
    {
        var name = datastore.LocalName();
        yield return $"{name}/backend=file";
        yield return $"{name}/database=file://{folder}";
        yield return $"{name}/uri={remoteName}";
        switch (datastore)
        {
            case Datastore.Contacts:
                yield return $"{name}/databaseFormat=text/vcard";
                break;
            case Datastore.Contacts21:
                yield return $"{name}/databaseFormat=text/x-vcard";
                yield return $"{name}/syncFormat=text/x-vcard";
                yield return $"{name}/forceSyncFormat=1";
                break;
            case Datastore.Calendar:
            case Datastore.Todo:
                yield return $"{name}/databaseFormat=text/calendar";
                break;
            case Datastore.Vcal:
                yield return $"{name}/databaseFormat=text/x-vcalendar";
                yield return $"{name}/syncFormat=text/x-vcalendar";
                yield return $"{name}/forceSyncFormat=1";
                break;
            case Datastore.Memo:
                yield return $"{name}/databaseFormat=text/plain";
                break;
        }

        yield return $"{name}/sync=" + (Default.Contains(datastore) ? "two-way" : "disabled");
    }
}
