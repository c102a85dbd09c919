using System.Globalization;
using Coffer.Agent.Consent;
using Coffer.Agent.Profile;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Cli;

/// <summary>
/// The end of <c>profile restore</c>: the two devices and what was compared, then a table of every element restored
/// or skipped with the reason; with <c>--json</c> one document (<c>restored</c>, <c>skipped</c> with <c>reason</c>,
/// and <c>transfer</c>, the restore run's summary).
/// </summary>
internal static class ProfileReport
{
    public static void Write(Output output, ProfileRestoreReport report, RunSummary transfer)
    {
        if (output.Json)
        {
            output.WriteJson(new
            {
                command = "profile restore",
                from = report.From,
                source = report.Source,
                target = report.Target,
                sameModel = report.SameModel,
                newerFirmware = report.NewerFirmware,
                restored = report.Entries.Where(e => e.Restored).Select(e => new { path = e.Path, part = Part(e.Part) }),
                skipped = report.Entries.Where(e => !e.Restored).Select(e => new { path = e.Path, part = Part(e.Part), reason = e.Skipped }),
                transfer,
                exitCode = ExitCodes.Ok,
            });
            return;
        }

        output.Line($"profile of {report.From}: {report.Source?.Describe() ?? "unknown model"}, firmware {report.Source?.FirmwareVersion ?? "unknown"}; this device: {report.Target?.Describe() ?? "unknown model"}, firmware {report.Target?.FirmwareVersion ?? "unknown"}");
        if (!report.SameModel)
        {
            output.Line("not the same model: only certificates, ring tones, wallpapers and applications not made for one model are restored");
        }

        if (report.NewerFirmware)
        {
            output.Line($"the backup comes from firmware {report.Source!.FirmwareVersion}, newer than this device's {report.Target!.FirmwareVersion}: its settings are not restored");
        }

        output.Table(["element", "what", "result"], [.. report.Entries.Select(e => new[] { e.Path, Part(e.Part), e.Skipped == null ? "restored" : "skipped: " + e.Skipped })]);
        output.Line(string.Create(CultureInfo.InvariantCulture, $"profile restore: {report.RestoredCount} restored, {report.SkippedCount} skipped; {ByteSize.Format(transfer.BytesReceived)} received in {transfer.Duration.TotalSeconds:0.0} s"));
    }

    private static string Part(ProfilePart part) => part switch
    {
        ProfilePart.AppList => "app",
        ProfilePart.AppPackage => "app package",
        _ => part.ToString().ToLowerInvariant(),
    };
}
