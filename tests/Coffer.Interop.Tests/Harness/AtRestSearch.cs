using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Looks for a marker string in every file under some folders, in each form stored data could take: UTF-8, base64
/// of its UTF-8 bytes at each of the three alignments a byte string can have in a base64 stream, quoted-printable,
/// UTF-16LE and UTF-16BE. Key files are left out (they are key material, kept apart from the data on purpose).
/// </summary>
public static class AtRestSearch
{
    /// <summary>The byte patterns of <paramref name="marker"/>, each with a name for the report.</summary>
    public static IReadOnlyList<(string Form, byte[] Bytes)> Forms(string marker)
    {
        var utf8 = Encoding.UTF8.GetBytes(marker);
        var forms = new List<(string, byte[])> { ("UTF-8", utf8) };
        // A marker starting at byte k of a base64-encoded stream: its bytes from (3 - k % 3) % 3 on fill whole 3-byte
        // groups, whose 4 characters are the same wherever the stream started; the partial groups at the ends are not.
        for (var skip = 0; skip < 3; skip++)
        {
            var whole = (utf8.Length - skip) / 3 * 3;
            forms.Add(($"base64 (from byte {skip})", Encoding.ASCII.GetBytes(Convert.ToBase64String(utf8, skip, whole))));
        }

        forms.Add(("quoted-printable", Encoding.ASCII.GetBytes(QuotedPrintable(utf8))));
        forms.Add(("UTF-16LE", Encoding.Unicode.GetBytes(marker)));
        forms.Add(("UTF-16BE", Encoding.BigEndianUnicode.GetBytes(marker)));
        return forms;
    }

    /// <summary>Every (file, form) where a form of the marker occurs, under <paramref name="roots"/> (files or folders).</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> roots, string marker)
    {
        var forms = Forms(marker);
        var hits = new List<string>();
        foreach (var file in Files(roots))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var (form, pattern) in forms)
            {
                if (bytes.AsSpan().IndexOf(pattern) >= 0)
                {
                    hits.Add($"{file}: {form}");
                }
            }
        }

        return hits;
    }

    /// <summary>The files searched (for the assertion message: proof that the data is where it was looked for).</summary>
    public static IReadOnlyList<string> Files(IEnumerable<string> roots) =>
        roots.SelectMany(root => File.Exists(root) ? [root] : Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories) : [])
            .Where(f => !Path.GetFileName(f).StartsWith(global::Coffer.Storage.MasterKeyFile.FileName, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    // RFC 2045 §6.7 without line breaks: printable ASCII except '=' as is, everything else =XX.
    private static string QuotedPrintable(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 33 and <= 126 && b != (byte)'=' ? ((char)b).ToString() : $"={b:X2}");
        }

        return text.ToString();
    }
}
