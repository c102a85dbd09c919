namespace Coffer.Storage;

/// <summary>The datastores whose item versions hold a <see cref="BlobManifest"/> instead of their content.</summary>
public static class BlobKinds
{
    public static bool Holds(DatastoreKind kind) => kind is DatastoreKind.Mail or DatastoreKind.Sms or DatastoreKind.Photos or DatastoreKind.Files or DatastoreKind.AppData or DatastoreKind.Profile;
}
