using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Coffer.Sync.Profiles;

/// <summary>
/// Reads the files of a device profile as the device agent lays them out (docs/agent.md "Device profile"):
/// <c>device.json</c>, key/value settings files, <c>apps/apps.json</c>, PEM or DER certificates whose private keys the
/// agent sealed (<c>COFFER SEALED PRIVATE KEY</c> and <c>COFFER SEALED FILE</c> blocks). Anything unreadable gives
/// empty answers, never an error: a profile is listed as far as it can be.
/// </summary>
public static class ProfileContent
{
    private const string SealedKey = "COFFER SEALED PRIVATE KEY";
    private const string SealedFile = "COFFER SEALED FILE";

    public static (string? Manufacturer, string? Model, string? Firmware, string? Software) Device(byte[]? content)
    {
        try
        {
            using var json = JsonDocument.Parse(content ?? []);
            var root = json.RootElement;
            return root.ValueKind != JsonValueKind.Object ? default
                : (Text(root, "manufacturer"), Text(root, "model"), Text(root, "firmwareVersion"), Text(root, "softwareVersion"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>The keys a <c>key=value</c>, <c>key: value</c> or INI file sets, in order, each once.</summary>
    public static IReadOnlyList<string> SettingKeys(byte[] content)
    {
        var keys = new List<string>();
        var section = string.Empty;
        foreach (var raw in Encoding.UTF8.GetString(content).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';' or '!')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim() + ".";
                continue;
            }

            var end = line.IndexOfAny(['=', ':']);
            var key = (end < 0 ? line : line[..end]).Trim();
            if (key.Length > 0 && !keys.Contains(section + key))
            {
                keys.Add(section + key);
            }
        }

        return keys;
    }

    public static IReadOnlyList<(string Id, string? Name, string? Version, bool ModelSpecific, string? Package)> Apps(byte[]? content)
    {
        try
        {
            using var json = JsonDocument.Parse(content ?? []);
            if (!json.RootElement.TryGetProperty("apps", out var apps) || apps.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. apps.EnumerateArray()
                .Where(a => a.ValueKind == JsonValueKind.Object && Text(a, "id") != null)
                .Select(a => (Text(a, "id")!, Text(a, "name"), Text(a, "version"), a.TryGetProperty("modelSpecific", out var m) && m.ValueKind == JsonValueKind.True, Text(a, "package")))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The certificates of one file of <c>certs/</c>: each certificate's public parts; a file sealed whole is one entry without them.</summary>
    public static IReadOnlyList<ProfileCertificate> Certificates(string path, byte[] content)
    {
        var text = Encoding.Latin1.GetString(content);
        var labels = new List<(string Label, byte[] Data)>();
        for (var position = 0; position < text.Length && PemEncoding.TryFind(text.AsSpan(position), out var fields);)
        {
            var span = text.AsSpan(position);
            var data = TryBase64(span[fields.Base64Data].ToString());
            labels.Add((span[fields.Label].ToString(), data));
            position += fields.Location.GetOffsetAndLength(span.Length).Offset + fields.Location.GetOffsetAndLength(span.Length).Length;
        }

        if (labels.Count == 0)
        {
            return Certificate(path, content, "none") is { } der ? [der] : [new ProfileCertificate(path, null, null, null, null, null, null, "unreadable")];
        }

        if (labels.Any(l => l.Label == SealedFile))
        {
            return [new ProfileCertificate(path, null, null, null, null, null, null, "sealed")];
        }

        var key = labels.Any(l => l.Label == SealedKey) ? "sealed" : labels.Any(l => l.Label.Contains("PRIVATE KEY", StringComparison.Ordinal)) ? "in clear" : "none";
        List<ProfileCertificate> certificates = [.. labels.Where(l => l.Label == "CERTIFICATE").Select(l => Certificate(path, l.Data, key)).OfType<ProfileCertificate>()];
        return certificates.Count > 0 || key == "none" ? certificates : [new ProfileCertificate(path, null, null, null, null, null, null, key)];
    }

    private static ProfileCertificate? Certificate(string path, byte[] der, string privateKey)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return new ProfileCertificate(
                path,
                certificate.Subject,
                certificate.Issuer,
                certificate.SerialNumber,
                new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                certificate.GetCertHashString(HashAlgorithmName.SHA256),
                privateKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static byte[] TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : [];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
