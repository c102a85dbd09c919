using System.Globalization;
using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Deterministic contact data: the same cards as shared/interop/genvcards.py (byte for byte), and cards with a
/// photo of a given size for Large Object tests (OMA-TS-DS_Protocol-V1_2 §6.11).
/// </summary>
public static class TestVCards
{
    /// <summary>Generated card number <paramref name="i"/> (1-based), vCard 3.0 (RFC 2426) or 2.1.</summary>
    public static string Generated(int i, bool v21 = false)
    {
        var c = CultureInfo.InvariantCulture;
        return v21
            ? string.Create(c, $"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Gen{i:D5};Bob;;;\r\nFN:Bob Gen{i:D5}\r\nTEL;CELL:+4930{i:D7}\r\nEMAIL;INTERNET:bob{i:D5}@example.org\r\nEND:VCARD\r\n")
            : string.Create(c, $"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:gen-{i:D5}\r\nN:Gen{i:D5};Bob;;;\r\nFN:Bob Gen{i:D5}\r\n" +
                               $"TEL;TYPE=CELL:+4930{i:D7}\r\nEMAIL;TYPE=INTERNET:bob{i:D5}@example.org\r\n" +
                               $"ORG:Example Corp;Dept {i % 7}\r\nNOTE:generated contact number {i}\r\nEND:VCARD\r\n");
    }

    /// <summary>The file name genvcards.py uses for card <paramref name="i"/>.</summary>
    public static string FileName(int i) => string.Create(CultureInfo.InvariantCulture, $"gen-{i:D5}.vcf");

    /// <summary>Writes cards 1..<paramref name="count"/> into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> WriteGenerated(string directory, int count, bool v21 = false)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var path = Path.Combine(directory, FileName(i));
            File.WriteAllText(path, Generated(i, v21), new UTF8Encoding(false));
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>Writes cards 1..<paramref name="count"/> into the phone's contacts (or contacts21 for 2.1).</summary>
    public static void WriteGenerated(Phone phone, int count, bool v21 = false) =>
        WriteGenerated(phone.FolderOf(v21 ? Datastore.Contacts21 : Datastore.Contacts), count, v21);

    /// <summary>
    /// A vCard 3.0 whose PHOTO holds exactly <paramref name="photoBytes"/> bytes of JPEG-framed pseudo-random
    /// data (incompressible, deterministic per <paramref name="seed"/>), base64 ("ENCODING=b", RFC 2426 §3.1.4)
    /// folded at 75 octets (RFC 2425 §5.8.1).
    /// </summary>
    public static string WithPhoto(int photoBytes, int seed = 1, string? uid = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(photoBytes, 4);
        var builder = new StringBuilder();
        builder.Append("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        builder.Append("UID:").Append(uid ?? string.Create(CultureInfo.InvariantCulture, $"photo-{seed}-{photoBytes}")).Append("\r\n");
        builder.Append(CultureInfo.InvariantCulture, $"N:Photo{seed};Pia;;;\r\nFN:Pia Photo{seed}\r\n");
        AppendFolded(builder, "PHOTO;ENCODING=b;TYPE=JPEG:" + Convert.ToBase64String(PhotoBytes(photoBytes, seed)));
        builder.Append("END:VCARD\r\n");
        return builder.ToString();
    }

    /// <summary>The photo payload <see cref="WithPhoto"/> embeds: SOI/APP0 marker, xorshift bytes, EOI marker.</summary>
    public static byte[] PhotoBytes(int size, int seed = 1)
    {
        var bytes = new byte[size];
        var state = (uint)(seed * 2654435761u) | 1u;
        for (var i = 0; i < size; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            bytes[i] = (byte)state;
        }

        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }

    private static void AppendFolded(StringBuilder builder, string line)
    {
        // Content lines are ASCII here, so 75 characters are 75 octets; continuation lines start with a space.
        const int Width = 75;
        builder.Append(line.AsSpan(0, Math.Min(Width, line.Length))).Append("\r\n");
        for (var at = Width; at < line.Length; at += Width - 1)
        {
            builder.Append(' ').Append(line.AsSpan(at, Math.Min(Width - 1, line.Length - at))).Append("\r\n");
        }
    }
}
