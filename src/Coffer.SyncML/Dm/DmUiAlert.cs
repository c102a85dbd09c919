namespace Coffer.SyncML.Dm;

/// <summary>
/// A user-interaction alert (1100–1104) as its parts: the options (first Item), the text shown to the user
/// (second Item) and, for 1103/1104, the choices (one Item each) (OMA-TS-DM_Protocol-V1_2 §8.6 "User interaction
/// commands", §10.5). <see cref="ToCommand"/> writes it as an Alert; <see cref="Read"/> reads one.
/// </summary>
public sealed class DmUiAlert
{
    public int Code { get; set; } = DmAlertCode.Display;

    public DmUiOptions Options { get; set; } = new();

    public string Text { get; set; } = string.Empty;

    /// <summary>The choices of 1103/1104, shown in this order; the answer names them by 1-based number.</summary>
    public List<string> Choices { get; } = [];

    /// <summary>The Alert command: Data = the code, Item 1 = the options, Item 2 = the text, then one Item per choice.</summary>
    /// <exception cref="SyncMLFormatException">The code is not 1100–1104, or choices are given for an alert without them (or missing for 1103/1104).</exception>
    public AlertCommand ToCommand(string cmdId)
    {
        CheckShape(Code, Choices.Count, "Cannot write UI alert: ");
        var alert = new AlertCommand { CmdID = cmdId, Code = Code };
        alert.Items.Add(new Item { Data = ItemData.FromText(Options.ToString()) });
        alert.Items.Add(new Item { Data = ItemData.FromText(Text) });
        foreach (var choice in Choices)
        {
            alert.Items.Add(new Item { Data = ItemData.FromText(choice) });
        }

        return alert;
    }

    /// <summary>The UI alert <paramref name="alert"/> carries.</summary>
    /// <exception cref="SyncMLFormatException">Not a UI alert, fewer than the two items every UI alert has, no choices for 1103/1104, or bad options.</exception>
    public static DmUiAlert Read(AlertCommand alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Code is not { } code || !DmAlertCode.IsUserInteraction(code))
        {
            throw new SyncMLFormatException($"Alert {alert.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "without a code"} is not a user-interaction alert (1100-1104)");
        }

        if (alert.Items.Count < 2)
        {
            throw new SyncMLFormatException($"UI alert {code} needs an options item and a text item, it has {alert.Items.Count} item(s)");
        }

        CheckShape(code, alert.Items.Count - 2, "UI alert: ");
        var ui = new DmUiAlert
        {
            Code = code,
            Options = DmUiOptions.Parse(alert.Items[0].Data?.Text),
            Text = alert.Items[1].Data?.Text ?? string.Empty,
        };
        ui.Choices.AddRange(alert.Items.Skip(2).Select(i => i.Data?.Text ?? string.Empty));
        return ui;
    }

    private static void CheckShape(int code, int choices, string prefix)
    {
        if (!DmAlertCode.IsUserInteraction(code))
        {
            throw new SyncMLFormatException($"{prefix}{code} is not a user-interaction alert (1100-1104)");
        }

        var takesChoices = code is DmAlertCode.SingleChoice or DmAlertCode.MultipleChoice;
        if (takesChoices && choices == 0)
        {
            throw new SyncMLFormatException($"{prefix}alert {code} needs at least one choice");
        }

        if (!takesChoices && choices > 0)
        {
            throw new SyncMLFormatException($"{prefix}alert {code} takes no choices");
        }
    }
}
