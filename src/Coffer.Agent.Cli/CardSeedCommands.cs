using System.CommandLine;
using Coffer.Agent.Card;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Cli;

/// <summary>
/// The three commands of seed 002 on a card, for any peer a host names: <c>card new-sync</c> (step 1), <c>card
/// get-changes</c> (step 3) and <c>card store-sync</c> (step 4). <c>card sync</c> runs the same three around a SyncML
/// session.
/// </summary>
internal static class CardSeedCommands
{
    public static Command NewSync(GlobalOptions global)
    {
        var (file, peer) = (CardCommand.FileArgument(), PeerOption());
        var command = new Command("new-sync", "a new sync with PEER begins: print the last sync object with it, if any, and propose a new one") { file, peer };
        command.SetAction(pr => CardCommand.Run(pr, global, output =>
        {
            using var card = CardFile.Open(pr.GetValue(file)!);
            var answer = card.SyncObjects.NewSync(pr.GetValue(peer)!);
            if (output.Json)
            {
                output.WriteJson(answer);
            }
            else
            {
                output.Line($"last {CardReport.Describe(answer.Last)}");
                output.Line($"new {CardReport.Describe(answer.Proposed)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command GetChanges(GlobalOptions global)
    {
        var (file, peer) = (CardCommand.FileArgument(), PeerOption());
        var command = new Command("get-changes", "the items added, modified and deleted since the last sync object with PEER (all items when there is none)") { file, peer };
        command.SetAction(pr => CardCommand.Run(pr, global, output =>
        {
            using var card = CardFile.Open(pr.GetValue(file)!);
            var changes = card.Register.GetChanges(pr.GetValue(peer)!);
            if (output.Json)
            {
                output.WriteJson(changes);
            }
            else
            {
                output.Line(changes.Since == null ? "since none: every item is added" : $"since {CardReport.Describe(changes.Since)}");
                output.Line($"added {CardReport.Ids(changes.Added)}");
                output.Line($"modified {CardReport.Ids(changes.Modified)}");
                output.Line($"deleted {CardReport.Ids(changes.Deleted)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command StoreSync(GlobalOptions global)
    {
        var (file, peer) = (CardCommand.FileArgument(), PeerOption());
        var command = new Command("store-sync", "the sync with PEER is done: the proposed sync object becomes the last one") { file, peer };
        command.SetAction(pr => CardCommand.Run(pr, global, output =>
        {
            using var card = CardFile.Open(pr.GetValue(file)!);
            var last = card.SyncObjects.StoreSync(pr.GetValue(peer)!);
            if (output.Json)
            {
                output.WriteJson(new { peer = pr.GetValue(peer), last });
            }
            else
            {
                output.Line($"last {CardReport.Describe(last)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string> PeerOption() => new("--peer") { Description = "the peer's identifier (any text naming the other database)", Required = true };
}
