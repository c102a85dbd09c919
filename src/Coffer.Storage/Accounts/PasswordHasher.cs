using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Storage;

/// <summary>
/// PBKDF2 password hashes (RFC 8018 §5.2) in one self-describing string "pbkdf2-ALG$iterations$base64(salt)$base64(hash)",
/// so the function and its iteration count can change without invalidating stored hashes (<see cref="NeedsRehash"/>).
/// New hashes use HMAC-SHA512; hashes stored with HMAC-SHA256 (before 2026-11-22) still verify.
/// </summary>
public static class PasswordHasher
{
    /// <summary>
    /// OWASP Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA512, the protection it rates equal to
    /// PBKDF2-HMAC-SHA256 at 600,000 iterations (the former default). It costs the server less per login: 169–171 ms of CPU
    /// against 219–231 ms on a 2-core benchmark machine (bench/README.md at 32b55cc).
    /// </summary>
    public const int DefaultIterations = 210_000;

    private const string Sha512Prefix = "pbkdf2-sha512";
    private const string Sha256Prefix = "pbkdf2-sha256";
    private const int SaltSize = 16;
    private const int HashSize = 64;

    // A stored string with an absurd count would turn one login into a denial of service.
    private const int MaxIterations = 10_000_000;

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashSize);
        return string.Join('$', Sha512Prefix, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>True when <paramref name="password"/> matches; false for a wrong password or a malformed hash string.</summary>
    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(encoded, out var algorithm, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, algorithm, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// True when the stored hash is not what <see cref="Hash"/> makes now: the former HMAC-SHA256, or fewer iterations
    /// than wanted (rehash after the next good login).
    /// </summary>
    public static bool NeedsRehash(string encoded, int iterations = DefaultIterations) =>
        !TryParse(encoded, out var algorithm, out var stored, out _, out _) || algorithm != HashAlgorithmName.SHA512 || stored < iterations;

    /// <summary>The PBKDF2 iteration count of a stored hash (what checking a password against it costs); null when malformed.</summary>
    public static int? IterationsOf(string encoded) => TryParse(encoded, out _, out var iterations, out _, out _) ? iterations : null;

    private static bool TryParse(string? encoded, out HashAlgorithmName algorithm, out int iterations, out byte[] salt, out byte[] hash)
    {
        algorithm = default;
        iterations = 0;
        salt = hash = [];
        var parts = encoded?.Split('$');
        if (parts is not [var prefix, var it, var s, var h]
            || (algorithm = prefix switch { Sha512Prefix => HashAlgorithmName.SHA512, Sha256Prefix => HashAlgorithmName.SHA256, _ => default }) == default
            || !int.TryParse(it, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations < 1 || iterations > MaxIterations)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(s);
            hash = Convert.FromBase64String(h);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length > 0 && hash.Length > 0;
    }
}
