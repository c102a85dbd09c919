using Coffer.Agent.Runs;

namespace Coffer.Agent.Profile;

/// <summary>
/// Where <c>profile restore</c> receives the account's profiles before applying one (<c>profile-restore/</c> of the
/// configuration directory): a restore of the profile datastore into it leaves this device's own profile in
/// <c>profile/</c> (keys opened) and every other device's in <c>profile-devices/DEVICE/</c> (keys sealed).
/// </summary>
public sealed class ProfileStaging(string configDir, string deviceId)
{
    public string Path { get; } = System.IO.Path.Combine(configDir, "profile-restore");

    /// <summary>Empties the staging folder, unless a restore into it broke and goes on (docs/agent.md "Resuming").</summary>
    public void Prepare()
    {
        var earlier = RestoreProgress.Load(System.IO.Path.Combine(configDir, "restore.json"));
        if (earlier != null && string.Equals(earlier.To, System.IO.Path.GetFullPath(Path), StringComparison.Ordinal))
        {
            return;
        }

        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    /// <summary>The devices whose profile the server holds, this one first.</summary>
    public IReadOnlyList<string> Devices()
    {
        var own = ProfileLayout.Segment(deviceId);
        var others = System.IO.Path.Combine(Path, "profile-devices");
        var devices = new List<string>();
        if (HasFiles(System.IO.Path.Combine(Path, "profile")))
        {
            devices.Add(own);
        }

        if (Directory.Exists(others))
        {
            devices.AddRange(Directory.EnumerateDirectories(others).Select(System.IO.Path.GetFileName).OfType<string>()
                .Where(d => d != own && d != "unnamed" && HasFiles(System.IO.Path.Combine(others, d))).Order(StringComparer.Ordinal));
        }

        return devices;
    }

    /// <summary>
    /// The folder holding <paramref name="from"/>'s profile; without a name, the only other device's, else this
    /// device's own. Null, with the reason, when there is no such profile or the choice is not clear.
    /// </summary>
    public (string Device, string Folder)? Source(string? from, out string? why)
    {
        var devices = Devices();
        var own = ProfileLayout.Segment(deviceId);
        var others = devices.Where(d => d != own).ToList();
        var chosen = from != null ? ProfileLayout.Segment(from) : others.Count == 1 ? others[0] : others.Count == 0 && devices.Contains(own) ? own : null;
        why = null;
        if (chosen == null || !devices.Contains(chosen))
        {
            why = devices.Count == 0 ? "the server holds no device profile of this account"
                : from == null ? $"name the device to restore from with --from (profiles on the server: {string.Join(", ", devices)})"
                : $"the server holds no profile of {from} (profiles on the server: {string.Join(", ", devices)})";
            return null;
        }

        return (chosen, chosen == own ? System.IO.Path.Combine(Path, "profile") : System.IO.Path.Combine(Path, "profile-devices", chosen));
    }

    public void Remove()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static bool HasFiles(string folder) => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any();
}
