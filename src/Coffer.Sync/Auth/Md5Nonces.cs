using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Sync.Auth;

/// <summary>
/// The nonces of syncml:auth-md5 (OMA-TS-SyncML-RepPro-V1_2 §4.3 "Security"; Chal Meta NextNonce,
/// OMA-TS-SyncML-MetaInfo-V1_2 §5.2.9). The digest a client sends does not say which nonce it used, so the server must
/// know it; instead of storing one per challenge (a write before anyone has logged in), each nonce is an HMAC under a
/// server secret of the user name, the device id and the device's login count:
/// <list type="bullet">
/// <item>a challenge nonce (in 401/407) also covers a 30-second slot and is accepted for <c>lifetime</c> after it;</item>
/// <item>the NextNonce of a 212 is for the device's next session and keeps until then.</item>
/// </list>
/// A login moves the device's count on, so every nonce serves one login, and a digest taken from one device is worth
/// nothing for another device id. The nonce bytes are printable (base64 text), as clients hash them as sent.
/// </summary>
internal sealed class Md5Nonces(byte[] secret, TimeSpan lifetime, TimeProvider time)
{
    private const long SlotSeconds = 30;

    /// <summary>The nonce to put in a challenge now.</summary>
    public byte[] Challenge(string nameKey, string deviceId, long loginCount) =>
        Derive("chal", nameKey, deviceId, loginCount, CurrentSlot());

    /// <summary>The nonce for the device's next session, after a login that moved its count to <paramref name="loginCount"/>.</summary>
    public byte[] Next(string nameKey, string deviceId, long loginCount) => Derive("next", nameKey, deviceId, loginCount, null);

    /// <summary>Every nonce a login of this device may use now: the NextNonce of its last session and the challenges still valid.</summary>
    public IEnumerable<byte[]> Valid(string nameKey, string deviceId, long loginCount)
    {
        yield return Next(nameKey, deviceId, loginCount);
        var now = CurrentSlot();
        var slots = Math.Max(1, (long)Math.Ceiling(lifetime.TotalSeconds / SlotSeconds));
        for (var slot = now; slot > now - slots; slot--)
        {
            yield return Derive("chal", nameKey, deviceId, loginCount, slot);
        }
    }

    /// <summary>The user-name key nonces are derived from (trimmed and case-folded, as account names compare).</summary>
    public static string NameKey(string? name) => (name ?? string.Empty).Trim().ToUpperInvariant().ToLowerInvariant();

    /// <summary>The NextNonce text for a Chal: base64 of the nonce bytes (Format b64).</summary>
    public static string ToNextNonce(byte[] nonce) => Convert.ToBase64String(nonce);

    private long CurrentSlot() => time.GetUtcNow().ToUnixTimeSeconds() / SlotSeconds;

    private byte[] Derive(string kind, string nameKey, string deviceId, long loginCount, long? slot)
    {
        var input = string.Join(
            '\n',
            kind,
            nameKey,
            deviceId,
            loginCount.ToString(CultureInfo.InvariantCulture),
            slot?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(input));
        return Encoding.ASCII.GetBytes(Convert.ToBase64String(mac, 0, 18));
    }
}
