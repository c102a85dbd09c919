using System.CommandLine;
using Coffer.Storage;
using Coffer.Storage.Sqlite;
using Coffer.Sync.Content;
using Coffer.Sync.Maintenance;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer check</c>: the integrity check of a data directory (<see cref="StoreCheck"/>); exit 1 when anything is wrong.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "the server's data directory", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var check = new Command("check", "Check the store: every payload decodes and parses, sequences and maps are consistent, no orphans") { data };
        check.SetAction((pr, ct) => RunAsync(pr.GetValue(data)!, pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error, ct));
        return check;
    }

    internal static async Task<int> RunAsync(DirectoryInfo data, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(data.FullName, SqliteCofferStore.FileName)))
        {
            return CliErrors.Fail(error, $"no Coffer store in {data.FullName}");
        }

        await using var store = new SqliteCofferStore(new StorageOptions { DataDir = data.FullName });
        var report = await StoreCheck.RunAsync(store, ContentHandlers.CreateDefault(), ct);
        output.WriteLine($"checked {report.Users} users, {report.Items} items, {report.Payloads} stored payloads in {data.FullName}");
        if (report.Ok)
        {
            output.WriteLine("ok: no problems found");
            return CliErrors.Ok;
        }

        foreach (var problem in report.Problems)
        {
            output.WriteLine($"  {problem.Where}: {problem.What}");
        }

        return CliErrors.Fail(error, $"{report.Problems.Count} problem(s) found");
    }
}
