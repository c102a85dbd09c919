using System.Text.Json;
using Coffer.Agent.Runs;
using Coffer.Storage;

namespace Coffer.Agent.Tests;

/// <summary>
/// Mail (a Maildir), SMS (vMessage files), photos and files (trees of any files) backed up with <c>coffer-agent</c>,
/// the device wiped, and restored by another configuration into a fresh directory, against the real server: every
/// file comes back under its path with its SHA-256, and equal files are one set of blob chunks on the server.
/// </summary>
public sealed class FileDatastoreTests : IAsyncLifetime
{
    private const string Password = "files pw";
    private static readonly string[] FileDatastores = ["mail", "sms", "photos", "files"];
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Mail_sms_photos_and_files_are_restored_byte_for_byte_under_their_paths()
    {
        var alice = await server.AddUserAsync("alice", Password);
        var phone = new Agent(server.Root, "phone");
        await phone.InitOkAsync(server.SyncUrl, "alice", Password);
        FileSamples.Maildir(phone.Folder("mail"), 9);
        FileSamples.Sms(phone.Folder("sms"), 7);
        FileSamples.Binary(phone.Folder("photos"), "DCIM/Camera/IMG_0001.jpg", 180_000, 1);
        FileSamples.Binary(phone.Folder("photos"), "DCIM/Camera/IMG_0002.jpg", (2 * FileSamples.MiB) + 12_345, 2);
        FileSamples.Binary(phone.Folder("photos"), "Urlaub 2026/Strand & Meer #1 (ü).jpg", 70_000, 3);

        // The same 3 MiB file in two folders, a text file whose LF line ends must survive (it travels as b64), an empty file.
        FileSamples.Binary(phone.Folder("files"), "reports/q3.bin", 3 * FileSamples.MiB, 4);
        FileSamples.Binary(phone.Folder("files"), "backup/old/q3.bin", 3 * FileSamples.MiB, 4);
        Directory.CreateDirectory(Path.Combine(phone.Folder("files"), "notes"));
        await File.WriteAllTextAsync(Path.Combine(phone.Folder("files"), "notes", "readme.txt"), "line one\nline two\n");
        await File.WriteAllBytesAsync(Path.Combine(phone.Folder("files"), "notes", "empty.log"), []);

        var (backup, json) = await phone.RunJsonAsync("backup");
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        foreach (var (name, count) in new[] { ("mail", 9), ("sms", 7), ("photos", 3), ("files", 4) })
        {
            var d = Datastore(json, name);
            (d.GetProperty("mode").GetString(), d.GetProperty("new").GetInt32(), d.GetProperty("sent").GetInt32()).ShouldBe(("slow", count, count), backup.ToString());
            (await server.CountLiveAsync(alice, Kind(name))).ShouldBe(count, name);
        }

        // q3.bin twice is three chunks, not six; every other file is stored once as well.
        var folders = FileDatastores.Select(phone.Folder).ToArray();
        (await server.CountBlobChunksAsync(alice)).ShouldBe(FileSamples.DistinctChunks(folders));

        // Nothing changed: the next backup is one-way and sends nothing.
        var (again, againJson) = await phone.RunJsonAsync("backup");
        again.ExitCode.ShouldBe(ExitCodes.Ok, again.ToString());
        foreach (var name in FileDatastores)
        {
            var d = Datastore(againJson, name);
            (d.GetProperty("mode").GetString(), d.GetProperty("sent").GetInt32()).ShouldBe(("one-way-from-client", 0), again.ToString());
        }

        var original = FileDatastores.ToDictionary(d => d, d => FileSamples.Hashes(phone.Folder(d)));
        Directory.Delete(phone.DataDir, recursive: true);
        Directory.Delete(phone.ConfigDir, recursive: true);

        var fresh = new Agent(server.Root, "new-phone");
        await fresh.InitOkAsync(server.SyncUrl, "alice", Password);
        var target = Path.Combine(server.Root, "restored");
        var (restore, restoreJson) = await fresh.RunJsonAsync("restore", "--to", target);
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        foreach (var name in FileDatastores)
        {
            Datastore(restoreJson, name).GetProperty("receivedAdded").GetInt32().ShouldBe(original[name].Count, name);
            FileSamples.Hashes(Path.Combine(target, name)).ShouldBe(original[name], name);
        }

        // A valid Maildir again: cur/, new/ and tmp/.
        foreach (var sub in (string[])["cur", "new", "tmp"])
        {
            Directory.Exists(Path.Combine(target, "mail", sub)).ShouldBeTrue(sub);
        }
    }

    [Fact]
    public async Task Photos_travel_as_their_bytes_in_Format_bin_both_ways()
    {
        await server.AddUserAsync("carol", Password);
        var phone = new Agent(server.Root, "carol");
        await phone.InitOkAsync(server.SyncUrl, "carol", Password, "--max-msg-size", "1048576", "--datastore", "photos");
        FileSamples.Binary(phone.Folder("photos"), "DCIM/IMG_0001.jpg", (3 * FileSamples.MiB) + 7, 11);
        FileSamples.Binary(phone.Folder("photos"), "DCIM/IMG_0002.jpg", 200_000, 12);
        var original = FileSamples.Hashes(phone.Folder("photos"));
        var size = (3 * FileSamples.MiB) + 7 + 200_000;

        // b64 would be 4/3 of the photos; bin is the photos plus commands and the DevInf exchange.
        var (backup, json) = await phone.RunJsonAsync("backup");
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        json.GetProperty("bytesSent").GetInt64().ShouldBeInRange(size, size + (64 * 1024));

        var target = Path.Combine(server.Root, "carol-restored");
        var (restore, restored) = await phone.RunJsonAsync("restore", "--to", target, "photos");
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        restored.GetProperty("bytesReceived").GetInt64().ShouldBeInRange(size, size + (64 * 1024));
        FileSamples.Hashes(Path.Combine(target, "photos")).ShouldBe(original);
    }

    [Fact]
    public async Task A_file_larger_than_the_servers_MaxObjSize_streams_both_ways()
    {
        var bob = await server.AddUserAsync("bob", Password);
        var phone = new Agent(server.Root, "bob");
        await phone.InitOkAsync(server.SyncUrl, "bob", Password, "--max-msg-size", "1048576", "--datastore", "files");
        FileSamples.Binary(phone.Folder("files"), "video/clip.mp4", 40 * FileSamples.MiB, 9);
        var original = FileSamples.Hashes(phone.Folder("files"));

        var backup = await phone.RunAsync("backup");
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        (await server.CountBlobChunksAsync(bob)).ShouldBe(40);

        var target = Path.Combine(server.Root, "bob-restored");
        var restore = await phone.RunAsync("restore", "--to", target, "files");
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        FileSamples.Hashes(Path.Combine(target, "files")).ShouldBe(original);
        Directory.EnumerateFiles(Path.Combine(phone.ConfigDir, "spool")).ShouldBeEmpty();
    }

    private static DatastoreKind Kind(string name) => name switch
    {
        "mail" => DatastoreKind.Mail,
        "sms" => DatastoreKind.Sms,
        "photos" => DatastoreKind.Photos,
        _ => DatastoreKind.Files,
    };

    private static JsonElement Datastore(JsonElement summary, string name) =>
        summary.GetProperty("datastores").EnumerateArray().Single(d => d.GetProperty("datastore").GetString() == name);
}
