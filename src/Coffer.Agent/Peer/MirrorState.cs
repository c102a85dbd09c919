using System.Text.Json;

namespace Coffer.Agent.Peer;

/// <summary>
/// Which files of a datastore's folder are which items of the peer store (<see cref="FolderMirror"/>), kept as JSON
/// beside the store (<c>peer-store/NAME.mirror.json</c>), so that wiping the store forgets the mirror with it. A write
/// goes to a temporary file renamed over the old one.
/// </summary>
public sealed class MirrorState
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public List<MirrorEntry> Entries { get; set; } = [];

    public static string PathOf(string stateDir, string datastore) => System.IO.Path.Combine(PeerStore.Directory(stateDir), datastore + ".mirror.json");

    public static MirrorState Load(string path) => File.Exists(path)
        ? JsonSerializer.Deserialize<MirrorState>(File.ReadAllBytes(path), Options) ?? new MirrorState()
        : new MirrorState();

    public void Save(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(this, Options));
        File.Move(temp, path, overwrite: true);
    }
}
