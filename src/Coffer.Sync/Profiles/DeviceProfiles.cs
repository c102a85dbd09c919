using Coffer.Storage;
using Coffer.Sync.Media;

namespace Coffer.Sync.Profiles;

/// <summary>
/// The device profiles of a user (seed 004): the device agent backs each device's profile up into the account's one
/// profile datastore with item names prefixed by the device id (<c>laptop/settings/wifi.conf</c>), so the items are
/// grouped by that first segment. Lists each device's profile, and the firmware version over time from the kept
/// versions of its <c>device.json</c> (docs/history-and-recovery.md). Only the user's own datastore is read.
/// </summary>
public sealed class DeviceProfiles(ICofferStore store, MediaLibrary library)
{
    private const string DeviceFile = "device.json";

    public async Task<IReadOnlyList<DeviceProfile>> ListAsync(long userId, CancellationToken ct = default)
    {
        var items = await library.ListAllAsync(userId, DatastoreKind.Profile, null, ct);
        var profiles = new List<DeviceProfile>();
        foreach (var device in items.Where(i => i.Name.Contains('/', StringComparison.Ordinal)).GroupBy(i => DeviceOf(i.Name)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            profiles.Add(await DescribeAsync(userId, device.Key, [.. device], ct));
        }

        return profiles;
    }

    /// <summary>The profile of <paramref name="device"/>; null when the user has none of it.</summary>
    public async Task<DeviceProfile?> GetAsync(long userId, string device, CancellationToken ct = default)
    {
        var items = await library.ListAllAsync(userId, DatastoreKind.Profile, device + "/", ct);
        return items.Count == 0 ? null : await DescribeAsync(userId, device, items, ct);
    }

    /// <summary>
    /// Every kept version of the device's <c>device.json</c>, oldest first: the firmware it ran over time. Null when the
    /// user has no profile of that device; empty when it has no <c>device.json</c>.
    /// </summary>
    public async Task<IReadOnlyList<FirmwareVersion>?> FirmwareHistoryAsync(long userId, string device, CancellationToken ct = default)
    {
        var items = await library.ListAllAsync(userId, DatastoreKind.Profile, device + "/", ct);
        if (items.Count == 0)
        {
            return null;
        }

        if (items.FirstOrDefault(i => i.Name == device + "/" + DeviceFile) is not { } file)
        {
            return [];
        }

        await using var uow = await store.BeginReadAsync(ct);
        var datastore = await uow.Datastores.GetAsync(userId, DatastoreKind.Profile, ct);
        var versions = datastore == null ? [] : await uow.Items.GetVersionsAsync(datastore.Id, file.Id, ct);
        var history = new List<FirmwareVersion>();
        foreach (var version in versions.Where(v => !v.Deleted && v.Content != null))
        {
            var content = BlobManifest.IsManifest(version.Content!) ? await new BlobStore(uow).ReadAllAsync(userId, BlobManifest.Parse(version.Content!), ct) : version.Content;
            var (_, model, firmware, software) = ProfileContent.Device(content);
            history.Add(new FirmwareVersion(version.Time, version.Version, firmware, software, model));
        }

        return history;
    }

    private static string DeviceOf(string name) => name[..name.IndexOf('/', StringComparison.Ordinal)];

    private async Task<DeviceProfile> DescribeAsync(long userId, string device, IReadOnlyList<MediaItem> items, CancellationToken ct)
    {
        var prefix = device + "/";
        var byPath = items.Where(i => i.Name.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(i => i.Name[prefix.Length..], StringComparer.Ordinal);
        var (manufacturer, model, firmware, software) = ProfileContent.Device(await ReadAsync(userId, byPath.GetValueOrDefault(DeviceFile), ct));

        var settings = new List<ProfileSettingsFile>();
        var certificates = new List<ProfileCertificate>();
        var media = new List<ProfileMedia>();
        foreach (var (path, item) in byPath.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (path.StartsWith("settings/", StringComparison.Ordinal))
            {
                settings.Add(new ProfileSettingsFile(path, ProfileContent.SettingKeys(await ReadAsync(userId, item, ct) ?? [])));
            }
            else if (path.StartsWith("certs/", StringComparison.Ordinal))
            {
                certificates.AddRange(ProfileContent.Certificates(path, await ReadAsync(userId, item, ct) ?? []));
            }
            else if (path.StartsWith("media/ringtones/", StringComparison.Ordinal) || path.StartsWith("media/wallpapers/", StringComparison.Ordinal))
            {
                media.Add(new ProfileMedia(path, path.StartsWith("media/ringtones/", StringComparison.Ordinal) ? "ringtone" : "wallpaper", item.Size));
            }
        }

        var apps = ProfileContent.Apps(await ReadAsync(userId, byPath.GetValueOrDefault("apps/apps.json"), ct))
            .Select(a => new ProfileApp(a.Id, a.Name, a.Version, a.ModelSpecific, a.Package, a.Package != null && byPath.TryGetValue("apps/" + a.Package, out var package) ? package.Size : null))
            .ToList();
        return new DeviceProfile(device, manufacturer, model, firmware, software, items.Max(i => i.Modified), settings, apps, certificates, media);
    }

    private async Task<byte[]?> ReadAsync(long userId, MediaItem? item, CancellationToken ct) =>
        item == null ? null : (await library.ReadAllAsync(userId, DatastoreKind.Profile, item.Id, ct))?.Content;
}
