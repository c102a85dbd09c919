using System.Globalization;
using System.Text;
using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.WebBench;

/// <summary>Writes N generated contacts into a user's store as a sync would (normalized, keyed), in batches.</summary>
public static class ContactSeeder
{
    private static readonly string[] Given = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Karla", "Lukas", "Mia", "Noah", "Olga", "Paul"];
    private static readonly string[] Family = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun"];

    public static async Task SeedAsync(ICofferStore store, UserAccount user, int count)
    {
        var handler = new VCardContentHandler();
        using var keys = new IdentityKeyHasher(user.IdentitySecret);
        for (var start = 0; start < count; start += 500)
        {
            await using var uow = await store.BeginAsync();
            var datastore = await uow.Datastores.EnsureAsync(user.Id, DatastoreKind.Contacts);
            var batch = new List<NewItem>();
            for (var i = start; i < Math.Min(count, start + 500); i++)
            {
                var norm = handler.Normalize(Card(i), "text/vcard");
                batch.Add(new NewItem(norm.ContentType, Encoding.UTF8.GetBytes(norm.Text), "device:bench", keys.Compute(norm.IdentityKey)));
            }

            await uow.Items.AddAsync(datastore.Id, batch);
            await uow.CommitAsync();
        }
    }

    /// <summary>A realistic contact: name, two phones, e-mail, address, organization, note, birthday.</summary>
    public static string Card(int i)
    {
        var given = Given[i % Given.Length];
        var family = Family[i / Given.Length % Family.Length] + (i / (Given.Length * Family.Length)).ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"""
            BEGIN:VCARD
            VERSION:3.0
            N:{family};{given};;;
            FN:{given} {family}
            TEL;TYPE=CELL:+49 170 {i:D7}
            TEL;TYPE=HOME:+49 40 {i:D6}
            EMAIL;TYPE=INTERNET:{given.ToLowerInvariant()}.{i}@example.org
            ADR;TYPE=HOME:;;Hauptstraße {i % 200};Hamburg;;{20000 + i % 1000};Germany
            ORG:Firma {i % 300};Abteilung {i % 7}
            NOTE:Generated contact number {i} for the web bench.
            BDAY:19{50 + i % 50}-0{1 + i % 9}-1{i % 10}
            END:VCARD

            """).ReplaceLineEndings("\r\n");
    }
}
