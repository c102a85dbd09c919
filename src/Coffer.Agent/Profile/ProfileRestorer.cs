using System.Security.Cryptography;
using Coffer.Agent.Sources;

namespace Coffer.Agent.Profile;

/// <summary>
/// Applies a device's profile (as a restore from the server left it in a folder) onto this device's profile folder,
/// seed 004 §5.2.1 ("change from one handset to another with the same brand"). Onto the same model (manufacturer and
/// model of <c>device.json</c> equal) everything is restored but <c>device.json</c> itself, which describes the
/// hardware it came from; onto another model, or when either side has no model, only what is portable: certificates
/// (keys opened with the account password), ring tones, wallpapers, and applications not marked model-specific with
/// their packages. Settings from a newer firmware than this device runs are not restored either. Every element
/// skipped is reported with the reason.
/// </summary>
public sealed class ProfileRestorer(PrivateKeyGuard guard)
{
    public ProfileRestoreReport Apply(string from, string sourceDir, string targetDir)
    {
        var source = DeviceDescription.Read(Path.Combine(sourceDir, ProfileLayout.DeviceFile));
        var target = DeviceDescription.Read(Path.Combine(targetDir, ProfileLayout.DeviceFile));
        var sameModel = source != null && target != null && source.SameModelAs(target);
        var newerFirmware = source?.FirmwareVersion != null && target?.FirmwareVersion != null && VersionOrder.Compare(source.FirmwareVersion, target.FirmwareVersion) > 0;
        var otherModel = source == null ? "the backup names no model"
            : target == null ? $"this device has no {ProfileLayout.DeviceFile}, so its model is unknown"
            : $"backed up on {source.Describe()}, this device is {target.Describe()}";

        var entries = new List<RestoredEntry>();
        var files = new FileTreeFolder(sourceDir, null, recursive: true).List().ToList();
        var apps = files.Contains(ProfileLayout.AppListFile) ? AppList.Read(Path.Combine(sourceDir, ProfileLayout.AppListFile)) : new AppList([]);
        var appsKept = apps.Apps.Where(a => sameModel || !a.ModelSpecific).ToList();
        var packagesSkipped = apps.Apps.Except(appsKept).Where(a => a.Package != null).ToDictionary(a => "apps/" + a.Package, a => a, StringComparer.Ordinal);

        foreach (var path in files)
        {
            var part = ProfileLayout.Classify(path);
            var skipped = part switch
            {
                ProfilePart.Device => "describes the device it was backed up on; this device keeps its own",
                ProfilePart.Setting when !sameModel => "settings are model-specific: " + otherModel,
                ProfilePart.Setting when newerFirmware => $"backed up under firmware {source!.FirmwareVersion}, newer than this device's {target!.FirmwareVersion}",
                ProfilePart.AppPackage when packagesSkipped.TryGetValue(path, out var app) => $"package of {app.Id}, built for {source?.Describe() ?? "another model"} only: {otherModel}",
                ProfilePart.Other when !sameModel => "not known to be portable: " + otherModel,
                _ => null,
            };

            if (part == ProfilePart.AppList)
            {
                foreach (var app in apps.Apps)
                {
                    entries.Add(new RestoredEntry($"{path}#{app.Id}", part, appsKept.Contains(app) ? null : $"{app.Id} {app.Version} is model-specific: {otherModel}"));
                }

                var listFile = Path.Combine(targetDir, ProfileLayout.AppListFile);
                Write(listFile, AppList.Read(listFile).With(appsKept).ToBytes(), targetDir);
                continue;
            }

            if (skipped == null && part == ProfilePart.Certificate)
            {
                try
                {
                    Write(ItemPaths.Full(targetDir, path), guard.Open(File.ReadAllBytes(ItemPaths.Full(sourceDir, path))), targetDir);
                }
                catch (CryptographicException)
                {
                    skipped = "its private key was sealed under another password (the account password changed since this backup)";
                }

                entries.Add(new RestoredEntry(path, part, skipped));
                continue;
            }

            if (skipped == null)
            {
                ItemBody.FromFile(ItemPaths.Full(sourceDir, path)).WriteTo(ItemPaths.Full(targetDir, path), targetDir);
            }

            entries.Add(new RestoredEntry(path, part, skipped));
        }

        return new ProfileRestoreReport(from, source, target, sameModel, newerFirmware, entries);
    }

    private static void Write(string file, byte[] content, string targetDir) => ItemBody.FromBytes(content).WriteTo(file, targetDir);
}
