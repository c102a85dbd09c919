using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Coffer.Agent.Profile;

namespace Coffer.Agent.Tests.Profile;

/// <summary>
/// Private keys sealed before they leave the device: PEM key blocks of any kind replaced, certificates kept in clear,
/// a PKCS#12 bundle sealed whole, a DER certificate untouched; opening gives the original bytes back; the same file
/// seals to the same bytes; another password cannot open them.
/// </summary>
public sealed class PrivateKeyGuardTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "coffer-guard-tests", Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Keys_are_sealed_certificates_stay_readable_and_opening_restores_the_bytes()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=Guard", ec, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var keyPem = ec.ExportECPrivateKeyPem();
        var pem = Encoding.ASCII.GetBytes("Bag Attributes: kept as is\r\n" + certificate.ExportCertificatePem() + "\r\n" + keyPem + "\r\ntrailing text\r\n");
        var guard = Guard("pw one");

        var sealedPem = guard.Protect(pem);
        var text = Encoding.ASCII.GetString(sealedPem);
        text.ShouldNotContain("EC PRIVATE KEY");
        text.ShouldNotContain(keyPem.Split('\n')[1]);
        text.ShouldContain("-----BEGIN COFFER SEALED PRIVATE KEY-----");
        text.ShouldContain(certificate.ExportCertificatePem());
        text.ShouldStartWith("Bag Attributes: kept as is\r\n");
        guard.Protect(pem).ShouldBe(sealedPem);
        guard.Open(sealedPem).ShouldBe(pem);
        Guard("pw one").Open(sealedPem).ShouldBe(pem);

        // A PKCS#12 bundle is sealed whole; a DER certificate holds no key and travels as it is.
        var pfx = certificate.Export(X509ContentType.Pkcs12, "bundle pw");
        var sealedPfx = guard.Protect(pfx);
        Encoding.ASCII.GetString(sealedPfx).ShouldStartWith("-----BEGIN COFFER SEALED FILE-----");
        guard.Open(sealedPfx).ShouldBe(pfx);
        guard.Protect(certificate.RawData).ShouldBe(certificate.RawData);

        // After a password change the same file seals differently, and the old sealed bytes do not open.
        var changed = Guard("pw two");
        changed.Protect(pem).ShouldNotBe(sealedPem);
        Should.Throw<CryptographicException>(() => changed.Open(sealedPem));
    }

    private PrivateKeyGuard Guard(string password) => new(new KeySealer(Path.Combine(dir, "profile-key.json"), password));
}
