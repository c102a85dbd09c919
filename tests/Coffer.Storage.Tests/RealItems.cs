using System.Text;
using Coffer.TestData;

namespace Coffer.Storage.Tests;

/// <summary>Real PIM items (SyncEvolution's client-test torture cases) used as payloads.</summary>
public static class RealItems
{
    private static readonly Lazy<IReadOnlyList<byte[]>> ContactsLazy = new(() => Split("eds_contact.vcf", "BEGIN:VCARD"));
    private static readonly Lazy<IReadOnlyList<byte[]>> EventsLazy = new(() => Split("eds_event.ics", "BEGIN:VCALENDAR"));

    public static IReadOnlyList<byte[]> Contacts => ContactsLazy.Value;

    public static IReadOnlyList<byte[]> Events => EventsLazy.Value;

    /// <summary>A small PNG (binary content).</summary>
    public static byte[] Png => File.ReadAllBytes(TestDataPaths.Path("syncevolution-testcases", "local.png"));

    /// <summary>Seeded pseudo-random bytes: no compressor can shrink them (like a JPEG photo).</summary>
    public static byte[] Incompressible(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private static IReadOnlyList<byte[]> Split(string file, string begin)
    {
        var text = File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", file));
        var parts = text.Split(begin, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.Trim().Length > 0)
            .Select(p => Encoding.UTF8.GetBytes(begin + p))
            .ToList();
        if (parts.Count < 5)
        {
            throw new InvalidOperationException($"expected several items in {file}");
        }

        return parts;
    }
}
