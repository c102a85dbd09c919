using System.CommandLine;
using Coffer.Agent.Card;
using Coffer.Agent.Runs;
using Microsoft.Data.Sqlite;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent card ...</c>: a removable card (one SQLite file, docs/agent.md "Removable card"): make one, fill it
/// from .vcf files, list it, the three commands of seed 002 on their own, and <c>card sync</c> with the agent's server.
/// </summary>
internal static class CardCommand
{
    public static Command Create(GlobalOptions global)
    {
        var card = new Command("card", "a removable card: one SQLite file with its phone book, change register and sync objects (seed 002)")
        {
            New(global),
            Import(global),
            List(global),
            CardSeedCommands.NewSync(global),
            CardSeedCommands.GetChanges(global),
            CardSeedCommands.StoreSync(global),
            CardSyncCommand.Create(global),
        };
        return card;
    }

    public static Argument<string> FileArgument() => new("file") { Description = "the card file" };

    /// <summary>Runs <paramref name="work"/> on the output; a card that cannot be opened or used is exit code 2 with its reason.</summary>
    public static int Run(ParseResult pr, GlobalOptions global, Func<Output, int> work)
    {
        var io = pr.InvocationConfiguration;
        var output = new Output(io.Output, io.Error, pr.GetValue(global.Json));
        try
        {
            return work(output);
        }
        catch (CardException ex)
        {
            output.Error(ex.Message);
            return ExitCodes.Usage;
        }
        catch (SqliteException ex)
        {
            output.Error($"card: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    private static Command New(GlobalOptions global)
    {
        var file = FileArgument();
        var command = new Command("new", "make an empty card file") { file };
        command.SetAction(pr => Run(pr, global, output =>
        {
            using var card = CardFile.Create(pr.GetValue(file)!);
            if (output.Json)
            {
                output.WriteJson(new { card = card.Path, id = card.Id });
            }
            else
            {
                output.Line($"card {card.Id} made at {card.Path}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Import(GlobalOptions global)
    {
        var file = FileArgument();
        var vcfs = new Argument<string[]>("vcf") { Description = ".vcf files (each may hold several vCards)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "add the vCards of .vcf files to a card, one item each") { file, vcfs };
        command.SetAction(pr => Run(pr, global, output =>
        {
            var missing = pr.GetValue(vcfs)!.Where(f => !File.Exists(f)).ToList();
            if (missing.Count > 0)
            {
                throw new CardException($"no such file: {string.Join(", ", missing)}");
            }

            using var card = CardFile.Open(pr.GetValue(file)!);
            var ids = pr.GetValue(vcfs)!.SelectMany(f => VCardSplitter.Split(File.ReadAllText(f))).Select(card.Items.Add).ToList();
            if (output.Json)
            {
                output.WriteJson(new { card = card.Path, imported = ids.Count, ids });
            }
            else
            {
                output.Line($"{ids.Count} items imported into {card.Path}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var file = FileArgument();
        var command = new Command("list", "show a card: its id, change counter, items and sync objects") { file };
        command.SetAction(pr => Run(pr, global, output =>
        {
            using var card = CardFile.Open(pr.GetValue(file)!);
            var items = card.Items.All().Select(i => new { id = i.Id, name = CardReport.Name(i.VCard) }).ToList();
            var objects = card.SyncObjects.All().Select(o => new { peer = o.Peer, last = o.Last, proposed = o.Proposed }).ToList();
            if (output.Json)
            {
                output.WriteJson(new { card = card.Path, id = card.Id, deviceId = CardDatastore.DeviceId(card.Id), counter = card.Counter, items, syncObjects = objects });
                return ExitCodes.Ok;
            }

            output.Line($"card {card.Id} (device {CardDatastore.DeviceId(card.Id)}), change counter {card.Counter}, {items.Count} items");
            output.Table(["id", "name"], [.. items.Select(i => new[] { CardReport.Num(i.id), i.name })]);
            foreach (var o in objects)
            {
                output.Line($"peer {o.peer}: last {CardReport.Describe(o.last)}, proposed {CardReport.Describe(o.proposed)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
