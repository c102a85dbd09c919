using System.CommandLine;
using System.Globalization;
using Coffer.Storage;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer keys status|rotate|confirm</c>: the master key and the data keys it wraps (docs/security.md), on either
/// provider: the data keys are in the store, the master key in the data directory's key file or the configuration.
/// </summary>
internal static class KeyCommands
{
    public static Command Create(StoreSelection store)
    {
        var status = store.AddTo(new Command("status", "Show the master key (id and source), the data keys and how many stored payloads are encrypted"));
        status.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => StatusAsync(target, io, ct)));

        var rotate = store.AddTo(new Command(
            "rotate",
            "Re-wrap every data key under a new master key (payloads are not re-encrypted). The old key file is kept as " +
            MasterKeyFile.OldFileName + " until 'coffer keys confirm'. With " + MasterKeyFile.EnvironmentVariable + " the new key is written to " +
            MasterKeyFile.NewFileName + " for you to move into the configuration"));
        rotate.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => RotateAsync(target, io, ct)));

        var confirm = store.AddTo(new Command("confirm", "Check that every data key opens with the current master key, then delete " + MasterKeyFile.OldFileName));
        confirm.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => ConfirmAsync(target, io, ct)));

        return new Command("keys", "Encryption at rest: master key and data keys") { status, rotate, confirm };
    }

    private static async Task<int> StatusAsync(StoreTarget target, InvocationConfiguration io, CancellationToken ct)
    {
        var output = io.Output;
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        var master = store.KeyRing.Master;
        output.WriteLine($"store: {target.Where}");
        output.WriteLine($"master key: {master.Id} ({master.Source})");
        foreach (var file in new[] { MasterKeyFile.OldFileName, MasterKeyFile.NewFileName })
        {
            var path = Path.Combine(target.Data.FullName, file);
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

    private static async Task<int> RotateAsync(StoreTarget target, InvocationConfiguration io, CancellationToken ct)
    {
        var output = io.Output;
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        var result = await MasterKeyRotation.RotateAsync(store, target.Options, ct);
        output.WriteLine($"master key {result.OldMasterKeyId} -> {result.NewMasterKeyId}: {result.DataKeys} data keys re-wrapped in {target.Where}");
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

    private static async Task<int> ConfirmAsync(StoreTarget target, InvocationConfiguration io, CancellationToken ct)
    {
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        var count = await MasterKeyRotation.ConfirmAsync(store, target.Options, ct);
        io.Output.WriteLine($"all {count} data keys open with master key {store.KeyRing.Master.Id}; {MasterKeyFile.OldFileName} deleted");
        return CliErrors.Ok;
    }
}
