using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Agent.Tests;

/// <summary>Small folders of contacts, events, tasks and notes as a device keeps them: one item per file, CRLF lines.</summary>
public static class PimSamples
{
    public static string Contact(int n, string note = "met at the conference") => string.Create(
        CultureInfo.InvariantCulture,
        $"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sample{n:D3};Jürgen;;;\r\nFN:Jürgen Sample{n:D3}\r\nTEL;TYPE=CELL:+49 30 {1000000 + n}\r\nEMAIL;TYPE=INTERNET:j{n}@example.org\r\nNOTE:{note}\r\nEND:VCARD\r\n");

    public static string Event(int n) => string.Create(
        CultureInfo.InvariantCulture,
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Coffer//agent tests//EN\r\nBEGIN:VEVENT\r\nUID:event-{n}@agent.test\r\nDTSTAMP:20260101T090000Z\r\nDTSTART:202603{n + 1:D2}T100000Z\r\nDTEND:202603{n + 1:D2}T110000Z\r\nSUMMARY:Meeting {n}\r\nLOCATION:Room {n}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");

    public static string Task(int n) => string.Create(
        CultureInfo.InvariantCulture,
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Coffer//agent tests//EN\r\nBEGIN:VTODO\r\nUID:task-{n}@agent.test\r\nDTSTAMP:20260101T090000Z\r\nSUMMARY:Task {n}\r\nDUE:202604{n + 1:D2}T170000Z\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");

    public static string Note(int n) => string.Create(CultureInfo.InvariantCulture, $"Note {n}\nshopping: milk, bread, {n} apples\n");

    /// <summary>A note far larger than a small MaxMsgSize, so it travels as a large object in chunks.</summary>
    public static string LargeNote(int bytes)
    {
        var sb = new StringBuilder("Long note\n");
        for (var i = 0; sb.Length < bytes; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"line {i}: <tags> & ampersands, ünïcødé and a tab\there\n");
        }

        return sb.ToString();
    }

    /// <summary>Writes <paramref name="count"/> items of each kind under <paramref name="dataDir"/> (plus one large note).</summary>
    public static void Fill(string dataDir, int count, int largeNoteBytes)
    {
        for (var i = 1; i <= count; i++)
        {
            Write(dataDir, "contacts", $"contact{i}.vcf", Contact(i));
            Write(dataDir, "calendar", $"event{i}.ics", Event(i));
            Write(dataDir, "tasks", $"task{i}.ics", Task(i));
            Write(dataDir, "notes", $"note{i}.txt", Note(i));
        }

        if (largeNoteBytes > 0)
        {
            Write(dataDir, "notes", "large.txt", LargeNote(largeNoteBytes));
        }
    }

    public static void Write(string dataDir, string datastore, string name, string content)
    {
        Directory.CreateDirectory(Path.Combine(dataDir, datastore));
        File.WriteAllText(Path.Combine(dataDir, datastore, name), content, new UTF8Encoding(false));
    }

    /// <summary>The SHA-256 of every file of a datastore folder, sorted: equal for two folders holding the same items under any names.</summary>
    public static List<string> Hashes(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Select(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))).Order(StringComparer.Ordinal)]
        : [];

    public static List<string> Contents(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Select(File.ReadAllText).Order(StringComparer.Ordinal)]
        : [];
}
