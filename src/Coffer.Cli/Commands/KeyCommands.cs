using System.CommandLine;
using System.Globalization;
using Coffer.Storage;
using Coffer.Storage.Sqlite;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer keys status|rotate|confirm</c>: the master key and the data keys it wraps (docs/security.md).</summary>
internal static class KeyCommands
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the server's data directory", DefaultValueFactory = _ => new DirectoryInfo("data") };

        var status = new Command("status", "Show the master key (id and source), the data keys and how many stored payloads are encrypted") { data };
        status.SetAction((pr, ct) => StatusAsync(pr.GetValue(data)!, pr.InvocationConfiguration, ct));

        var rotate = new Command(
            "rotate",
            "Re-wrap every data key under a new master key (payloads are not re-encrypted). The old key file is kept as " +
            MasterKeyFile.OldFileName + " until 'coffer keys confirm'. With " + MasterKeyFile.EnvironmentVariable + " the new key is written to " +
            MasterKeyFile.NewFileName + " for you to move into the configuration")
        { data };
        rotate.SetAction((pr, ct) => RotateAsync(pr.GetValue(data)!, pr.InvocationConfiguration, ct));

        var confirm = new Command("confirm", "Check that every data key opens with the current master key, then delete " + MasterKeyFile.OldFileName) { data };
        confirm.SetAction((pr, ct) => ConfirmAsync(pr.GetValue(data)!, pr.InvocationConfiguration, ct));

        return new Command("keys", "Encryption at rest: master key and data keys") { status, rotate, confirm };
    }

    /// <summary>The store options of a data directory, with the master key from COFFER_MASTER_KEY when set.</summary>
    public static StorageOptions Options(DirectoryInfo data)
    {
        var (key, source) = MasterKeyFile.Configured(null);
        return new StorageOptions { DataDir = data.FullName, MasterKey = key, MasterKeySource = source };
    }

    private static async Task<int> StatusAsync(DirectoryInfo data, InvocationConfiguration io, CancellationToken ct)
    {
        var output = io.Output;
        if (!File.Exists(Path.Combine(data.FullName, SqliteCofferStore.FileName)))
        {
            return CliErrors.Fail(io.Error, $"no Coffer database in {data.FullName}");
        }

        var options = Options(data);
        await using var store = new SqliteCofferStore(options);
        try
        {
            await store.InitializeAsync(ct);
        }
        catch (StorageException e)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }

        var master = store.KeyRing.Master;
        output.WriteLine($"master key: {master.Id} ({master.Source})");
        foreach (var file in new[] { MasterKeyFile.OldFileName, MasterKeyFile.NewFileName })
        {
            var path = Path.Combine(data.FullName, file);
            if (MasterKeyFile.TryRead(path) is { } extra)
            {
                output.WriteLine($"also: {path} holds master key {extra.Id}" + (file == MasterKeyFile.OldFileName ? " (the previous one: 'coffer keys confirm' deletes it)" : string.Empty));
            }
        }

        await using var uow = await store.BeginReadAsync(ct);
        var keys = await uow.DataKeys.ListAsync(ct);
        var byMaster = keys.GroupBy(k => k.MasterKeyId).Select(g => $"{g.Count()} by {g.Key}");
        output.WriteLine($"data keys: {keys.Count} ({keys.Count(k => k.UserId != PayloadContext.ServerScope)} of users, {keys.Count(k => k.UserId == PayloadContext.ServerScope)} of the server); wrapped: {(keys.Count == 0 ? "-" : string.Join(", ", byMaster))}");
        output.WriteLine($"{"PAYLOADS",-18} {"ENCRYPTED",10} {"IN CLEAR",10} {"STORED BYTES",14} {"CONTENT BYTES",14}");
        var clear = 0L;
        foreach (var count in await uow.DataKeys.CountPayloadsAsync(ct))
        {
            clear += count.Clear;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count.Place,-18} {count.Encrypted,10} {count.Clear,10} {count.StoredBytes,14} {(count.ContentBytes > 0 ? count.ContentBytes.ToString(CultureInfo.InvariantCulture) : "-"),14}"));
        }

        output.WriteLine(clear == 0 ? "nothing is stored in clear" : $"{clear} payloads are still in clear (encrypted at the server's next start)");
        return CliErrors.Ok;
    }

    private static async Task<int> RotateAsync(DirectoryInfo data, InvocationConfiguration io, CancellationToken ct)
    {
        var output = io.Output;
        var options = Options(data);
        await using var store = new SqliteCofferStore(options);
        RotationResult result;
        try
        {
            result = await MasterKeyRotation.RotateAsync(store, options, ct);
        }
        catch (StorageException e)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }

        output.WriteLine($"master key {result.OldMasterKeyId} -> {result.NewMasterKeyId}: {result.DataKeys} data keys re-wrapped");
        if (result.OldKeyPath is { } old)
        {
            output.WriteLine($"new key in {result.NewKeyPath}; the old one is kept in {old} until 'coffer keys confirm' (restart a running server now)");
        }
        else
        {
            output.WriteLine($"the new key is in {result.NewKeyPath}: put its line into {MasterKeyFile.ConfigurationKey} / {MasterKeyFile.EnvironmentVariable}, restart the server, then delete the file");
        }

        return CliErrors.Ok;
    }

    private static async Task<int> ConfirmAsync(DirectoryInfo data, InvocationConfiguration io, CancellationToken ct)
    {
        var output = io.Output;
        var options = Options(data);
        await using var store = new SqliteCofferStore(options);
        try
        {
            var count = await MasterKeyRotation.ConfirmAsync(store, options, ct);
            output.WriteLine($"all {count} data keys open with master key {store.KeyRing.Master.Id}; {MasterKeyFile.OldFileName} deleted");
            return CliErrors.Ok;
        }
        catch (StorageException e)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }
    }
}
