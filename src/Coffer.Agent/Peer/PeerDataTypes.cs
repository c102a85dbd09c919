using Coffer.Sip.Session;

namespace Coffer.Agent.Peer;

/// <summary>
/// The data types of a peer session (the session description's <c>dataType</c>, docs/sip.md) and how the agent moves
/// each: contacts, calendar, tasks and notes by SyncML over their datastore; SMS, pictures, music and files by rsync
/// delta over a folder of files (pictures live in <c>photos/</c>).
/// </summary>
public static class PeerDataTypes
{
    /// <summary>The data type a command line names (contacts, calendar, tasks, notes, sms, pictures, music, files); null when none.</summary>
    public static PeerDataType? Parse(string name) =>
        Enum.GetValues<PeerDataType>().Cast<PeerDataType?>().FirstOrDefault(t => SessionDescriptionXml.Name(t!.Value) == name.ToLowerInvariant());

    /// <summary>How the data type travels between agents.</summary>
    public static PeerSyncProtocol Protocol(PeerDataType type) =>
        type is PeerDataType.Contacts or PeerDataType.Calendar or PeerDataType.Tasks or PeerDataType.Notes ? PeerSyncProtocol.SyncML : PeerSyncProtocol.Rsync;

    /// <summary>The datastore (SyncML) or the folder under the data directory (rsync) of the data type.</summary>
    public static string Folder(PeerDataType type) => type == PeerDataType.Pictures ? "photos" : SessionDescriptionXml.Name(type);

    /// <summary>Every data type's name, for help texts.</summary>
    public static IEnumerable<string> Names => Enum.GetValues<PeerDataType>().Select(SessionDescriptionXml.Name);
}
