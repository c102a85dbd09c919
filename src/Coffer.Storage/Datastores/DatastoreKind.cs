namespace Coffer.Storage;

/// <summary>What a datastore holds. Stored as the number: never renumber, only append.</summary>
public enum DatastoreKind
{
    Contacts = 1,
    Events = 2,
    Tasks = 3,
    Notes = 4,
    Mail = 5,
    Sms = 6,
    Photos = 7,
    Files = 8,

    /// <summary>Application data files (a SQLite database kept up to date from its row changes, or any file by chunks).</summary>
    AppData = 9,

    /// <summary>The device profile: settings, installed applications, certificates, ring tones and wallpapers, firmware.</summary>
    Profile = 10,
}
