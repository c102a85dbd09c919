using System.Globalization;
using System.Text;

namespace Coffer.LoadBench.Device;

/// <summary>
/// Deterministic, varied vCard 2.1 contacts (as older phones send text/x-vcard, vCard 2.1 §2): N, FN, one to three TEL,
/// up to two EMAIL, often an ADR, sometimes ORG and a NOTE of varying length; non-ASCII names carry CHARSET=UTF-8
/// (vCard 2.1 §2.1.5). Lines end in CRLF. The same seed gives the same contacts.
/// </summary>
public sealed class ContactGenerator(int seed)
{
    private static readonly string[] Given = ["Anna", "Ben", "Chloé", "David", "Elif", "Fatima", "Georg", "Hana", "Ivan", "Jürgen", "Kofi", "Lena", "Marta", "Noah", "Olga", "Pietro", "Rosa", "Søren", "Tariq", "Yuki"];
    private static readonly string[] Family = ["Adams", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Huber", "Ivanova", "Jansen", "Kowalski", "López", "Müller", "Nowak", "O'Brien", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weiß"];
    private static readonly string[] Streets = ["Main Street", "Hauptstraße", "Rue de la Paix", "Via Roma", "Kungsgatan", "High Road", "Calle Mayor"];
    private static readonly string[] Cities = ["Berlin", "Lyon", "Milano", "Stockholm", "Leeds", "Sevilla", "Graz", "Utrecht"];
    private static readonly string[] Orgs = ["Acme GmbH", "Northwind Ltd", "Contoso SA", "Fabrikam AB", "Globex SpA"];
    private static readonly string[] Words = ["met at", "conference", "call back", "birthday", "in March", "allergic to nuts", "prefers e-mail", "old colleague", "neighbour", "dentist", "plumber", "football on Tuesdays", "owes me a book"];
    private static readonly string[] Domains = ["example.com", "example.org", "mail.example.net"];

    private readonly Random random = new(seed);
    private int serial;

    public string Next()
    {
        var n = ++serial;
        var given = Pick(Given);
        var family = Pick(Family);
        var sb = new StringBuilder(400);
        Line(sb, "BEGIN:VCARD");
        Line(sb, "VERSION:2.1");
        Line(sb, Text("N", $"{family};{given};;;"));
        Line(sb, Text("FN", $"{given} {family}"));
        var tels = 1 + random.Next(3);
        string[] kinds = ["CELL", "HOME", "WORK"];
        for (var i = 0; i < tels; i++)
        {
            Line(sb, $"TEL;{kinds[i]};VOICE:+{random.Next(30, 50)} {random.Next(100, 999)} {random.Next(1000000, 9999999)}");
        }

        var mails = random.Next(3);
        for (var i = 0; i < mails; i++)
        {
            Line(sb, $"EMAIL;INTERNET{(i == 0 ? ";PREF" : string.Empty)}:{Ascii(given)}.{Ascii(family)}{n.ToString(CultureInfo.InvariantCulture)}{(i == 0 ? string.Empty : "x")}@{Pick(Domains)}");
        }

        if (random.Next(10) < 7)
        {
            Line(sb, Text("ADR;HOME", $";;{random.Next(1, 200).ToString(CultureInfo.InvariantCulture)} {Pick(Streets)};{Pick(Cities)};;{random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture)};"));
        }

        if (random.Next(10) < 3)
        {
            Line(sb, Text("ORG", Pick(Orgs)));
        }

        if (random.Next(10) < 6)
        {
            Line(sb, Text("NOTE", Note(1 + random.Next(12))));
        }

        Line(sb, "END:VCARD");
        return sb.ToString();
    }

    /// <summary>The same contact edited as a user would: the note rewritten, or a work number added.</summary>
    public string Edit(string vcard, int round)
    {
        var lines = vcard.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var note = lines.FindIndex(l => l.StartsWith("NOTE", StringComparison.Ordinal));
        var edited = Text("NOTE", $"edited in round {round.ToString(CultureInfo.InvariantCulture)}: {Note(1 + random.Next(6))}");
        if (note >= 0)
        {
            lines[note] = edited;
        }
        else
        {
            lines.Insert(lines.Count - 1, edited);
        }

        return string.Join("\r\n", lines) + "\r\n";
    }

    private static void Line(StringBuilder sb, string line) => sb.Append(line).Append("\r\n");

    // vCard 2.1 §2.1.5: the default character set is ASCII; anything else is declared.
    private static string Text(string name, string value) =>
        value.Any(c => c > 127) ? $"{name};CHARSET=UTF-8:{value}" : $"{name}:{value}";

    private static string Ascii(string s) => new([.. s.Normalize(NormalizationForm.FormD).Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);

    private string Note(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Pick(Words)));

    private string Pick(string[] values) => values[random.Next(values.Length)];
}
