using System.Globalization;
using Coffer.SyncML;
using Coffer.SyncML.Dm;

namespace Coffer.Dm;

/// <summary>
/// Before a restore's commands go out, the user picks what to restore (OMA-TS-DM_Protocol-V1_2 §10.2, Alert 1103
/// "single choice", DR=1): everything, or one of the parts the plan holds — settings, apps, certificates and media.
/// The Alert's Status 200 carries the chosen number in its Item (§10.3); a missing or unknown number is the default;
/// any other status (214 cancelled or timed out, 304) ends the job as rejected with nothing restored. The parts not chosen are
/// reported as skipped (<c>not chosen</c>). Asked only when the plan holds more than one part.
/// </summary>
internal static class DmRestoreChoice
{
    public const string Marker = "restore-choice";

    public const string Everything = "Everything";

    private static readonly (string Label, string[] Roots)[] Parts =
    [
        ("Settings", ["./Coffer/Backup/Settings"]),
        ("Apps", ["./Coffer/Backup/Apps"]),
        ("Certificates and media", ["./Coffer/Backup/Certs", "./Coffer/Backup/Media"]),
    ];

    /// <summary>Sends the question; false when there is nothing to choose between.</summary>
    public static bool Ask(DmSessionContext context)
    {
        var state = context.State;
        var present = Parts.Where(p => state.Steps.Any(s => Within(s.Node.Path, p.Roots))).Select(p => p.Label).ToList();
        if (present.Count < 2)
        {
            return false;
        }

        var alert = new DmUiAlert
        {
            Code = DmAlertCode.SingleChoice,
            Options = new DmUiOptions { MinDisplaySeconds = context.Options.ConsentMinSeconds, MaxDisplaySeconds = context.Options.ConsentMaxSeconds, DefaultResponse = "1" },
            Text = "Coffer is about to restore this device. Restore what?",
        };
        alert.Choices.Add(Everything);
        alert.Choices.AddRange(present);
        var command = alert.ToCommand(string.Empty);
        var cmdId = context.Reply.Command(command, alert.Text.Length + alert.Choices.Sum(c => c.Length));
        state.Outstanding[cmdId] = Marker;
        state.Choices = [.. alert.Choices];
        state.Phase = DmPhase.Choice;
        return true;
    }

    /// <summary>Takes the answer: the steps of the parts not chosen become skipped lines. False when the user cancelled.</summary>
    public static bool Take(DmSessionState state, StatusCommand status, out string decision)
    {
        if (status.Code != StatusCode.Ok)
        {
            decision = $"cancelled at the choice of what to restore (status {status.Code})";
            return false;
        }

        var text = status.Items.FirstOrDefault()?.Data?.Text;
        var chosen = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= state.Choices.Count ? n : 1;
        var label = state.Choices[chosen - 1];
        decision = $"chose {label.ToLowerInvariant()}";
        state.Phase = DmPhase.Restore;
        if (label == Everything)
        {
            return true;
        }

        var roots = Parts.Single(p => p.Label == label).Roots;
        var notChosen = state.Steps.Where(s => !Within(s.Node.Path, roots)).ToList();
        state.Steps = [.. state.Steps.Where(s => Within(s.Node.Path, roots))];
        foreach (var step in notChosen.Where(s => !s.Node.IsInterior))
        {
            state.Report.Add(new DmReportEntry(step.Node.Path, DmReportEntry.Skipped, "not chosen"));
        }

        return true;
    }

    private static bool Within(string path, string[] roots) =>
        roots.Any(r => path == r || path.StartsWith(r + "/", StringComparison.Ordinal));
}
