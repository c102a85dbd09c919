using System.Diagnostics;
using System.Globalization;
using Coffer.Formats.Identity;
using Coffer.Formats.VCard;
using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.SyncBench;

/// <summary>
/// <c>coffer-syncbench formats</c>: what the slow sync spends per incoming contact before storage, step by step, in a
/// steady-state loop over the item directory: the whole normalization (parse, write as stored vCard 3.0, identity key)
/// and each of its steps alone. Prints µs per card and bytes allocated per card, best of the rounds.
/// </summary>
internal static class FormatsRun
{
    public static int Run(IReadOnlyList<string> cards, int rounds)
    {
        var handler = ContentHandlers.CreateDefault().For(DatastoreKind.Contacts, "text/vcard");
        var parsed = cards.Select(c => VCardParser.Parse(c)[0]).ToList();
        var steps = new (string Name, Action<int> Step)[]
        {
            ("normalize (all of it)", i => handler.Normalize(cards[i], "text/vcard")),
            ("parse", i => VCardParser.Parse(cards[i])),
            ("write 3.0", i => VCardWriter.Write(parsed[i], VCardVersion.V3_0)),
            ("identity key", i => IdentityKeys.ForVCard(parsed[i])),
        };

        Console.WriteLine($"{cards.Count} cards, best of {rounds} rounds");
        Console.WriteLine("| step | µs per card | bytes allocated per card |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, step) in steps)
        {
            var best = double.MaxValue;
            long bytes = 0;
            for (var r = 0; r < rounds; r++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < cards.Count; i++)
                {
                    step(i);
                }

                best = Math.Min(best, watch.Elapsed.TotalMicroseconds / cards.Count);
                bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / cards.Count;
            }

            Console.WriteLine(FormattableString.Invariant($"| {name} | {best:F2} | {bytes.ToString(CultureInfo.InvariantCulture)} |"));
        }

        return 0;
    }
}
