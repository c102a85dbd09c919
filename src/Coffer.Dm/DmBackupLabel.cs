using System.Globalization;
using Coffer.SyncML;
using Coffer.SyncML.Dm;

namespace Coffer.Dm;

/// <summary>
/// A backup the user started on the device (Alert 1201: the user is there) is named by them first
/// (OMA-TS-DM_Protocol-V1_2 §10.2, Alert 1102 "text input", DR = the date, MAXLEN, IT=A): the Status 200's Item holds
/// the text (§10.3), empty or missing meaning the default; any other Status (214 cancelled or timed out, 304) ends
/// the job as rejected with nothing transferred. A backup the server started (package 0, Alert 1200) asks nothing
/// and is named by its date. The name goes into the job's report (<c>label</c>) and its decisions log.
/// </summary>
internal static class DmBackupLabel
{
    public const string Marker = "backup-label";

    public const int MaxLength = 64;

    public static string Default(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Sends the question; false when the session was not started by the user on the device.</summary>
    public static bool Ask(DmSessionContext context)
    {
        var state = context.State;
        state.Label = Default(context.Now);
        if (!state.ClientInitiated)
        {
            return false;
        }

        var alert = new DmUiAlert
        {
            Code = DmAlertCode.TextInput,
            Options = new DmUiOptions
            {
                MinDisplaySeconds = context.Options.ConsentMinSeconds,
                MaxDisplaySeconds = context.Options.ConsentMaxSeconds,
                DefaultResponse = state.Label,
                MaxLength = MaxLength,
                InputType = DmUiInputType.Alphanumeric,
            },
            Text = "Name this backup:",
        };
        var cmdId = context.Reply.Command(alert.ToCommand(string.Empty), alert.Text.Length + state.Label.Length);
        state.Outstanding[cmdId] = Marker;
        state.Phase = DmPhase.Label;
        return true;
    }

    /// <summary>Takes the answer into the state's label; false when the user cancelled.</summary>
    public static bool Take(DmSessionState state, StatusCommand status, out string decision)
    {
        if (status.Code != StatusCode.Ok)
        {
            decision = $"cancelled at the backup's name (status {status.Code})";
            return false;
        }

        var text = status.Items.FirstOrDefault()?.Data?.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            state.Label = text.Length > MaxLength ? text[..MaxLength] : text;
        }

        decision = $"named \"{state.Label}\"";
        return true;
    }
}
