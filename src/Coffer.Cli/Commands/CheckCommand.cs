using System.CommandLine;
using Coffer.Sync.Content;
using Coffer.Sync.Maintenance;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer check</c>: the integrity check of a store (<see cref="StoreCheck"/>); exit 1 when anything is wrong.</summary>
internal static class CheckCommand
{
    public static Command Create(StoreSelection store)
    {
        var check = store.AddTo(new Command("check", "Check the store: every payload decodes and parses, sequences and maps are consistent, no orphans"));
        check.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => RunAsync(target, io.Output, io.Error, ct)));
        return check;
    }

    private static async Task<int> RunAsync(StoreTarget target, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var store = await target.OpenAsync(mayCreate: false, ct);
        var report = await StoreCheck.RunAsync(store, ContentHandlers.CreateDefault(), ct);
        output.WriteLine($"checked {report.Users} users, {report.Items} items, {report.Payloads} stored payloads in {target.Where}");
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
