using Coffer.Storage;

namespace Coffer.Sync.Datastores;

/// <summary>
/// Which server datastore a client's Target LocURI names. Phones and clients use many spellings; the common ones
/// of Funambol, Horde, Synthesis and SyncEvolution configurations are accepted, case-insensitively, with or without
/// a leading "./" and with URL parameters (e.g. "card?filter") ignored.
/// </summary>
public static class DatastoreCatalog
{
    private static readonly Dictionary<string, DatastoreKind> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["card"] = DatastoreKind.Contacts,
        ["contacts"] = DatastoreKind.Contacts,
        ["contact"] = DatastoreKind.Contacts,
        ["addressbook"] = DatastoreKind.Contacts,
        ["card21"] = DatastoreKind.Contacts,
        ["vcard"] = DatastoreKind.Contacts,
        ["scard"] = DatastoreKind.Contacts,
        ["cal"] = DatastoreKind.Events,
        ["calendar"] = DatastoreKind.Events,
        ["event"] = DatastoreKind.Events,
        ["events"] = DatastoreKind.Events,
        ["vcal"] = DatastoreKind.Events,
        ["scal"] = DatastoreKind.Events,
        ["task"] = DatastoreKind.Tasks,
        ["tasks"] = DatastoreKind.Tasks,
        ["todo"] = DatastoreKind.Tasks,
        ["stask"] = DatastoreKind.Tasks,
        ["note"] = DatastoreKind.Notes,
        ["notes"] = DatastoreKind.Notes,
        ["memo"] = DatastoreKind.Notes,
        ["snote"] = DatastoreKind.Notes,
        ["files"] = DatastoreKind.Files,
        ["file"] = DatastoreKind.Files,
        ["photos"] = DatastoreKind.Photos,
        ["photo"] = DatastoreKind.Photos,
        ["pictures"] = DatastoreKind.Photos,
        ["mail"] = DatastoreKind.Mail,
        ["email"] = DatastoreKind.Mail,
        ["emails"] = DatastoreKind.Mail,
        ["sms"] = DatastoreKind.Sms,
        ["vmessage"] = DatastoreKind.Sms,
        ["appdata"] = DatastoreKind.AppData,
        ["apps"] = DatastoreKind.AppData,
        ["profile"] = DatastoreKind.Profile,
        ["device"] = DatastoreKind.Profile,
    };

    public static bool TryResolve(string? locUri, out DatastoreKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(locUri))
        {
            return false;
        }

        var name = locUri.Trim();
        var query = name.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            name = name[..query];
        }

        // An absolute URI names the datastore in its last path segment (OMA-TS-SyncML_RepPro-V1_2 §5.1.11 LocURI).
        var slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        return Aliases.TryGetValue(name, out kind);
    }

    /// <summary>The content type Coffer stores items of this kind in (normalized on the way in).</summary>
    public static string StoredType(DatastoreKind kind) => kind switch
    {
        DatastoreKind.Contacts => "text/vcard",
        DatastoreKind.Events or DatastoreKind.Tasks => "text/calendar",
        DatastoreKind.Notes => "text/plain",
        DatastoreKind.Mail => "message/rfc822",
        DatastoreKind.Sms => "text/x-vMessage",
        _ => "application/octet-stream",
    };
}
