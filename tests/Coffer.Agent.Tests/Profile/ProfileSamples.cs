using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Coffer.Agent.Tests.Profile;

/// <summary>
/// A device profile as a phone would lay it out for the agent: device.json, two settings files, an app list with two
/// packages (one app built for this model only), a certificate with its private key (PEM), a CA certificate (DER), a
/// ring tone and a wallpaper.
/// </summary>
public sealed class ProfileSamples : IDisposable
{
    private readonly RSA key = RSA.Create(2048);

    public ProfileSamples()
    {
        var request = new CertificateRequest("CN=Old Phone VPN, O=Coffer Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = new CertificateRequest("CN=Coffer Test CA", caKey, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        CaDer = ca.RawData;
        KeyPem = key.ExportPkcs8PrivateKeyPem();
    }

    public X509Certificate2 Certificate { get; }

    public string KeyPem { get; }

    public byte[] CaDer { get; }

    /// <summary>The base64 body of the private key: what must never appear on the server or in an answer.</summary>
    public string KeyBase64 => Convert.ToBase64String(key.ExportPkcs8PrivateKey())[..64];

    public const string WifiSecret = "psk-very-secret-42";

    public static void Device(string profile, string manufacturer, string model, string firmware) =>
        Write(profile, "device.json", Encoding.UTF8.GetBytes($$"""{ "manufacturer": "{{manufacturer}}", "model": "{{model}}", "firmwareVersion": "{{firmware}}", "softwareVersion": "14.{{firmware}}" }"""));

    public void Full(string profile, string model = "X1", string firmware = "2.0.1")
    {
        Device(profile, "Acme", model, firmware);
        Write(profile, "settings/network.conf", Encoding.UTF8.GetBytes($"# Wi-Fi\nwifi.ssid=home\nwifi.psk={WifiSecret}\n"));
        Write(profile, "settings/display.ini", Encoding.UTF8.GetBytes("[screen]\r\nbrightness=70\r\ntimeout: 30\r\n"));
        Write(profile, "apps/apps.json", Encoding.UTF8.GetBytes("""
            { "apps": [
              { "id": "com.acme.camera", "name": "Camera", "version": "5.1", "package": "camera.apk", "modelSpecific": true },
              { "id": "org.example.notes", "name": "Notes", "version": "3.2.1", "package": "notes.apk" }
            ] }
            """));
        Write(profile, "apps/camera.apk", Bytes(40_000, 1));
        Write(profile, "apps/notes.apk", Bytes(30_000, 2));
        Write(profile, "certs/vpn.pem", Encoding.ASCII.GetBytes(Certificate.ExportCertificatePem() + "\n" + KeyPem + "\n"));
        Write(profile, "certs/ca.der", CaDer);
        Write(profile, "media/ringtones/bell.ogg", Bytes(20_000, 3));
        Write(profile, "media/wallpapers/sea.jpg", Bytes(50_000, 4));
    }

    public void Dispose()
    {
        Certificate.Dispose();
        key.Dispose();
    }

    public static void Write(string profile, string path, byte[] content)
    {
        var full = Path.Combine(profile, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
