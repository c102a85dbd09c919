using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Agent.Tests;

/// <summary>
/// Mail, SMS, photos and files as a device keeps them, generated: a Maildir with flags in its file names, vMessage
/// files with CRLF lines and 8-bit text, and trees of binary files of chosen sizes (pseudo-random, seeded).
/// </summary>
public static class FileSamples
{
    public const int MiB = 1024 * 1024;

    /// <summary>A Maildir of <paramref name="count"/> messages, some read (cur/, flags S, RS), some new (new/), with an empty tmp/.</summary>
    public static void Maildir(string dir, int count)
    {
        foreach (var sub in (string[])["cur", "new", "tmp"])
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
        }

        for (var i = 1; i <= count; i++)
        {
            var message = Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"Return-Path: <b{i}@example.org>\r\nFrom: Bärbel {i} <b{i}@example.org>\r\nTo: alice@example.org\r\nSubject: message {i}\r\nDate: Mon, 7 Dec 2026 0{i % 10}:00:00 +0000\r\nMessage-ID: <{i}@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße, line one\r\n.\r\nline {i} with trailing spaces   \r\n"));
            var name = string.Create(CultureInfo.InvariantCulture, $"{1765000000 + i}.M{i}P4242.phone,S={message.Length}");
            var path = (i % 3) switch
            {
                0 => Path.Combine(dir, "new", name),
                1 => Path.Combine(dir, "cur", name + ":2,S"),
                _ => Path.Combine(dir, "cur", name + ":2,RS"),
            };
            File.WriteAllBytes(path, message);
        }
    }

    /// <summary>A folder of <paramref name="count"/> vMessage files (vMessage 1.1, as phones export SMS).</summary>
    public static void Sms(string dir, int count)
    {
        Directory.CreateDirectory(dir);
        for (var i = 1; i <= count; i++)
        {
            var text = string.Create(
                CultureInfo.InvariantCulture,
                $"BEGIN:VMSG\r\nVERSION:1.1\r\nX-IRMS-TYPE:MSG\r\nX-MESSAGE-TYPE:DELIVER\r\nX-MA-BOX:INBOX\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nTEL:+4915112{i:D6}\r\nEND:VCARD\r\nBEGIN:VENV\r\nBEGIN:VBODY\r\nDate:07.12.2026 0{i % 10}:15:00\r\nSMS {i}: bin gleich da, Grüße\r\nEND:VBODY\r\nEND:VENV\r\nEND:VMSG\r\n");
            File.WriteAllBytes(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"sms-{i:D4}.vmg")), Encoding.UTF8.GetBytes(text));
        }
    }

    /// <summary>A file of <paramref name="size"/> pseudo-random bytes from <paramref name="seed"/>.</summary>
    public static void Binary(string dir, string relativePath, int size, int seed)
    {
        var path = Path.Combine(dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Every file under <paramref name="dir"/> by its path relative to it ('/'), with its SHA-256.</summary>
    public static SortedDictionary<string, string> Hashes(string dir)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(dir))
        {
            return hashes;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            hashes[Path.GetRelativePath(dir, file).Replace(Path.DirectorySeparatorChar, '/')] = Sha256(file);
        }

        return hashes;
    }

    /// <summary>The blob chunks the files under <paramref name="dirs"/> need when equal content is stored once: 1 MiB each.</summary>
    public static long DistinctChunks(params string[] dirs) => dirs
        .SelectMany(d => Directory.Exists(d) ? Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories) : [])
        .GroupBy(Sha256)
        .Sum(g => (new FileInfo(g.First()).Length + MiB - 1) / MiB);

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
