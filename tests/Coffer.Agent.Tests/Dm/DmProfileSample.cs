using System.Text;
using Coffer.Agent.Consent;
using Coffer.Agent.Dm;
using Coffer.Agent.Profile;

namespace Coffer.Agent.Tests.Dm;

/// <summary>A device profile folder with a file of every kind, and trees over such folders.</summary>
internal sealed class DmProfileSample : IDisposable
{
    public const string Server = "coffer";

    public DmProfileSample() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "coffer-dm-tests", Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>A profile folder named <paramref name="name"/> holding settings, apps with packages, a certificate with its key, media.</summary>
    public string Filled(string name) => Fill(Path.Combine(Root, name));

    /// <summary>Writes such a profile into <paramref name="profile"/>, of the model given.</summary>
    public static string Fill(string profile, string model = "N95")
    {
        Write(profile, "device.json", """{ "manufacturer": "Nokia", "model": "MODEL", "firmwareVersion": "21.0.016", "softwareVersion": "v 21.0" }""".Replace("MODEL", model, StringComparison.Ordinal));
        Write(profile, "settings/network.conf", "apn=internet\nproxy=\n");
        Write(profile, "settings/display/theme.ini", "[theme]\nname=dark\n");
        File.WriteAllBytes(Path.Combine(profile, "settings", "binary.dat"), [0, 1, 2, 0xff, 0x0d, 0x0a]);
        Write(profile, "apps/maps.sis", "MAPS PACKAGE");
        File.WriteAllBytes(Path.Combine(profile, "apps", "apps.json"), new AppList(
        [
            new AppEntry("com.nokia.maps", "Maps", "2.1", "maps.sis", ModelSpecific: true),
            new AppEntry("org.example.notes", "Notes", null),
        ]).ToBytes());
        Write(profile, "certs/me.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nU0VDUkVU\n-----END PRIVATE KEY-----\n");
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(profile, "media", "ringtones")).FullName, "ring one.mp3"), [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))]);
        Write(profile, "media/wallpapers/sea.jpg", "JPEG");
        return profile;
    }

    /// <summary>An empty profile of the same model (device.json only).</summary>
    public string Empty(string name)
    {
        var profile = Path.Combine(Root, name);
        Write(profile, "device.json", """{ "manufacturer": "Nokia", "model": "N95", "firmwareVersion": "21.0.016" }""");
        return profile;
    }

    public DmTree Tree(string profile, string deviceId = "phone-1", string serverId = Server) =>
        new(profile, Path.Combine(Root, Path.GetFileName(profile) + "-staging"), new DmDevice(deviceId, Path.Combine(profile, "device.json"), ConnectionKind.Roaming, 1 << 20), serverId, Guard);

    /// <summary>The files of a folder (device.json aside), sorted, each with the SHA-256 of its bytes.</summary>
    public static string[] Files(string profile) =>
        [.. Directory.EnumerateFiles(profile, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(profile, f).Replace('\\', '/'))
            .Where(f => f != "device.json")
            .Order(StringComparer.Ordinal)
            .Select(f => f + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(profile, f)))))];

    private PrivateKeyGuard Guard() => new(new KeySealer(Path.Combine(Root, "profile-key.json"), "pw"));

    private static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, Encoding.UTF8.GetBytes(text));
    }
}
