using System.Text.Json;
using Coffer.Agent.AppData;
using Coffer.Agent.Runs;
using Xunit.Abstractions;

namespace Coffer.Agent.Tests;

/// <summary>
/// A binary file of an app that is not a database, changed in place (bytes inserted in the middle, overwritten,
/// cut off at the end) and backed up after every step against the real server (docs/file-delta.md): the first backup
/// sends the file, every later one a file delta that is a small fraction of it, and the file a second device restores
/// is byte for byte the device's. A delta the server's copy does not match is refused, the copy stays as it was, and
/// the next backup sends the whole file.
/// </summary>
public sealed class AppDataFileDeltaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "file delta pw";
    private const string FilePath = "com.example.game/files/assets.pak";
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Each_backup_after_the_first_sends_only_the_changed_chunks_and_the_restored_file_is_byte_identical()
    {
        await server.AddUserAsync("dora", Password);
        var (phone, file) = await PhoneWithFileAsync("dora", 6 << 20);
        var first = await BackupAsync(phone);
        first.GetProperty("new").GetInt32().ShouldBe(1);
        Record(phone).LastKind.ShouldBe("full");
        var restorer = new Agent(server.Root, "dora-restorer");
        await restorer.InitOkAsync(server.SyncUrl, "dora", Password);
        await RestoredEqualsAsync(restorer, file, "first");

        (string Step, Func<byte[], byte[]> Change)[] steps =
        [
            ("insert in the middle", data => [.. data[..(data.Length / 2)], .. Random(3000, 11), .. data[(data.Length / 2)..]]),
            ("overwrites", data =>
            {
                var copy = data.ToArray();
                Random(4096, 12).CopyTo(copy, copy.Length / 4);
                Random(100, 13).CopyTo(copy, copy.Length * 3 / 4);
                return copy;
            }),
            ("truncated", data => data[..^(200 * 1024)]),
            ("appended", data => [.. data, .. Random(10_000, 14)]),
        ];
        foreach (var (step, change) in steps)
        {
            await File.WriteAllBytesAsync(file, change(await File.ReadAllBytesAsync(file)));
            var size = new FileInfo(file).Length;
            var summary = await BackupAsync(phone);
            var sent = summary.GetProperty("bytesSent").GetInt64();
            var record = Record(phone);
            output.WriteLine($"{step}: file {size} bytes, delta {record.LastBytes} bytes, {sent} bytes sent ({100.0 * sent / size:F2} %)");
            (summary.GetProperty("sent").GetInt32(), record.LastKind).ShouldBe((1, "delta"), step);
            record.LastBytes.ShouldBeLessThan(size / 50, step);
            sent.ShouldBeLessThan(size / 20, step);
            await RestoredEqualsAsync(restorer, file, step);
        }

        // Nothing changed: nothing is sent.
        (await BackupAsync(phone)).GetProperty("sent").GetInt32().ShouldBe(0);
        var final = Record(phone);
        (final.FullBackups, final.Deltas).ShouldBe((1, steps.Length));

        // status shows what was backed up and when.
        var (status, statusJson) = await phone.RunJsonAsync("status");
        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        var listed = statusJson.GetProperty("appdataFiles").EnumerateArray().Single(f => f.GetProperty("path").GetString() == FilePath);
        (listed.GetProperty("lastKind").GetString(), listed.GetProperty("fullBackups").GetInt32(), listed.GetProperty("deltas").GetInt32()).ShouldBe(("delta", 1, steps.Length));
        var text = (await phone.RunAsync("status")).StdOut;
        text.ShouldContain($"appdata {FilePath} (incremental): backed up");
        text.ShouldContain($"1 full and {steps.Length} deltas");
    }

    [Fact]
    public async Task A_file_rewritten_whole_goes_whole_rather_than_as_a_delta()
    {
        await server.AddUserAsync("fred", Password);
        var (phone, file) = await PhoneWithFileAsync("fred", 1 << 20);
        await BackupAsync(phone);
        await File.WriteAllBytesAsync(file, Random(1 << 20, 99));
        var summary = await BackupAsync(phone);
        Record(phone).LastKind.ShouldBe("full");
        summary.GetProperty("bytesSent").GetInt64().ShouldBeGreaterThan(1 << 20);
        var restorer = new Agent(server.Root, "fred-restorer");
        await restorer.InitOkAsync(server.SyncUrl, "fred", Password);
        await RestoredEqualsAsync(restorer, file, "rewritten");
    }

    [Fact]
    public async Task A_delta_the_servers_copy_does_not_match_is_refused_and_the_next_backup_sends_the_file()
    {
        await server.AddUserAsync("erin", Password);
        var (phone, file) = await PhoneWithFileAsync("erin", 2 << 20);
        await BackupAsync(phone);
        var restorer = new Agent(server.Root, "erin-restorer");
        await restorer.InitOkAsync(server.SyncUrl, "erin", Password);
        var before = await File.ReadAllBytesAsync(file);

        // The agent's chunk list names another base than the server's copy (one byte of its SHA-256 changed).
        var list = Directory.EnumerateFiles(Path.Combine(phone.ConfigDir, "state", "appdata.files.chunks")).Single();
        var bytes = await File.ReadAllBytesAsync(list);
        bytes[13] ^= 0xFF;
        await File.WriteAllBytesAsync(list, bytes);
        var changed = before.ToArray();
        Random(500, 21).CopyTo(changed, 1000);
        await File.WriteAllBytesAsync(file, changed);

        var (refused, json) = await phone.RunJsonAsync("backup");
        refused.ExitCode.ShouldBe(ExitCodes.ItemsRefused, refused.ToString());
        Datastore(json).GetProperty("refused").GetInt32().ShouldBe(1);
        Record(phone).NeedsFull.ShouldBeTrue();
        var target = Path.Combine(server.Root, "erin-after-refusal");
        (await restorer.RunAsync("restore", "--to", target, "appdata")).ExitCode.ShouldBe(ExitCodes.Ok);
        var restored = await File.ReadAllBytesAsync(Path.Combine(target, "appdata", FilePath));
        restored.SequenceEqual(before).ShouldBeTrue();

        var full = await BackupAsync(phone);
        full.GetProperty("sent").GetInt32().ShouldBe(1);
        (Record(phone).LastKind, Record(phone).NeedsFull).ShouldBe(("full", false));
        await RestoredEqualsAsync(restorer, file, "after the full backup");

        // And the next change is a delta again.
        Random(500, 22).CopyTo(changed, 5000);
        await File.WriteAllBytesAsync(file, changed);
        await BackupAsync(phone);
        Record(phone).LastKind.ShouldBe("delta");
        await RestoredEqualsAsync(restorer, file, "delta after the full backup");
    }

    [Fact]
    public async Task A_whole_upload_that_was_cut_and_resumed_is_the_base_of_the_next_delta()
    {
        await server.AddUserAsync("gina", Password);
        await using var first = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "gina-proxy-1"));
        var (phone, file) = await PhoneWithFileAsync("gina", 24 << 20, first.SyncUrl(server.SyncUrl), "--max-msg-size", "1048576");
        var backup = phone.RunAsync("backup");
        await AgentProcess.WaitForAsync(() => first.Requests >= 12 || backup.IsCompleted);
        await first.StopAsync();
        (await backup).ExitCode.ShouldBe(ExitCodes.Unreachable);

        await using var second = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "gina-proxy-2"), first.Port);
        var resumed = await phone.RunAsync("backup");
        resumed.ExitCode.ShouldBe(ExitCodes.Ok, resumed.ToString());
        resumed.StdErr.ShouldContain("resuming " + FilePath + " at byte");
        Record(phone).LastKind.ShouldBe("full");

        var changed = await File.ReadAllBytesAsync(file);
        Random(3000, 31).CopyTo(changed, changed.Length / 3);
        await File.WriteAllBytesAsync(file, changed);
        await BackupAsync(phone);
        Record(phone).LastKind.ShouldBe("delta");
        var restorer = new Agent(server.Root, "gina-restorer");
        await restorer.InitOkAsync(server.SyncUrl, "gina", Password);
        await RestoredEqualsAsync(restorer, file, "after the resumed upload");
    }

    private async Task<(Agent Phone, string File)> PhoneWithFileAsync(string user, int size, Uri? url = null, params string[] options)
    {
        var phone = new Agent(server.Root, user + "-phone");
        await phone.InitOkAsync(url ?? server.SyncUrl, user, Password, ["--datastore", "appdata", .. options]);
        var file = Path.Combine(phone.Folder("appdata"), FilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, Random(size, user.Length));
        return (phone, file);
    }

    private static AppDataFileRecord Record(Agent phone) =>
        AppDataStateFile.Load(Path.Combine(phone.ConfigDir, "state", "appdata.files.json")).Find(FilePath).ShouldNotBeNull();

    private static async Task<JsonElement> BackupAsync(Agent phone)
    {
        var (result, json) = await phone.RunJsonAsync("backup");
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        return Datastore(json);
    }

    private async Task RestoredEqualsAsync(Agent restorer, string source, string step)
    {
        var target = Path.Combine(server.Root, "restored-" + Guid.NewGuid().ToString("N")[..8]);
        var (restore, json) = await restorer.RunJsonAsync("restore", "--to", target, "appdata");
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        Datastore(json).GetProperty("receivedAdded").GetInt32().ShouldBe(1, step);
        var (restored, expected) = (await File.ReadAllBytesAsync(Path.Combine(target, "appdata", FilePath)), await File.ReadAllBytesAsync(source));
        (restored.Length, restored.SequenceEqual(expected)).ShouldBe((expected.Length, true), step);
    }

    private static JsonElement Datastore(JsonElement summary) =>
        summary.GetProperty("datastores").EnumerateArray().Single(d => d.GetProperty("datastore").GetString() == "appdata");

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
