namespace Coffer.Dm;

/// <summary>
/// Plans a restore (docs/device-management.md "Restore"): onto the same manufacturer and model, the whole backup
/// subtree and each app's install; onto another model only the portable parts (certificates, ring tones, wallpapers,
/// apps not model-specific); a backup from a newer firmware than the device's restores no settings.
/// </summary>
public static class DmRestorePlanner
{
    public const string BackupRoot = "./Coffer/Backup";

    private const string Apps = BackupRoot + "/Apps/";

    public static DmRestorePlan Plan(IReadOnlyList<DmNode> backup, DmDeviceFacts source, DmDeviceFacts target)
    {
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var sameModel = source.IsSameModel(target);
        var newerFirmware = DmFirmware.IsNewer(source.Firmware, target.Firmware);
        var modelSpecificApps = backup
            .Where(n => n.Path.StartsWith(Apps, StringComparison.Ordinal) && n.Path.EndsWith("/ModelSpecific", StringComparison.Ordinal))
            .Where(n => string.Equals(n.Text.Trim(), "true", StringComparison.OrdinalIgnoreCase) || n.Text.Trim() == "1")
            .Select(n => AppRoot(n.Path)!)
            .ToHashSet(StringComparer.Ordinal);

        var steps = new List<DmRestoreStep>();
        var skipped = new List<DmReportEntry>();
        var skippedApps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in backup.Where(n => n.Path.StartsWith(BackupRoot + "/", StringComparison.Ordinal)))
        {
            var app = AppRoot(node.Path);
            if (app != null && node.Path.StartsWith(app + "/Operations", StringComparison.Ordinal))
            {
                continue;
            }

            var reason = SkipReason(node.Path, app, sameModel, newerFirmware, modelSpecificApps);
            if (reason != null)
            {
                if (app == null || skippedApps.Add(app))
                {
                    skipped.Add(new DmReportEntry(app ?? node.Path, DmReportEntry.Skipped, reason));
                }

                continue;
            }

            steps.Add(new DmRestoreStep(DmRestoreAction.Add, node));
        }

        // Each app's install runs after its nodes (its Package) are in place: OMA-TS-DM_TND-V1_2 §7.7.7, Exec on an
        // interior node of the app's management object. An app's nodes and its install form one Atomic, so a failed
        // install leaves nothing of the app behind (OMA-TS-DM_Protocol-V1_2 §6.6.3).
        var ordered = steps.Where(s => AppRoot(s.Node.Path) == null).ToList();
        foreach (var app in steps.Select(s => AppRoot(s.Node.Path)).OfType<string>().Distinct(StringComparer.Ordinal).ToList())
        {
            ordered.AddRange(steps.Where(s => AppRoot(s.Node.Path) == app).Select(s => s with { Atomic = app }));
            ordered.Add(new DmRestoreStep(DmRestoreAction.Exec, new DmNode(app + "/Operations/Install", "node", null, []), app));
        }

        return new DmRestorePlan(ordered, skipped);
    }

    private static string? SkipReason(string path, string? app, bool sameModel, bool newerFirmware, HashSet<string> modelSpecificApps)
    {
        var relative = path[(BackupRoot.Length + 1)..];
        if (relative == "Settings" || relative.StartsWith("Settings/", StringComparison.Ordinal))
        {
            return !sameModel ? "another model" : newerFirmware ? "newer firmware" : null;
        }

        if (app != null)
        {
            return !sameModel && modelSpecificApps.Contains(app) ? "another model" : null;
        }

        return null;
    }

    /// <summary>The <c>./Coffer/Backup/Apps/ID</c> a path lies under; null outside the apps.</summary>
    private static string? AppRoot(string path)
    {
        if (!path.StartsWith(Apps, StringComparison.Ordinal))
        {
            return null;
        }

        var slash = path.IndexOf('/', Apps.Length);
        return slash < 0 ? path : path[..slash];
    }
}
