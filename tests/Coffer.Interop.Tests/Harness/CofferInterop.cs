namespace Coffer.Interop.Tests.Harness;

/// <summary>Shared set-up of the Coffer interop tests: one account, phones pointed at the server (or a proxy before it).</summary>
public static class CofferInterop
{
    public const string User = "alice";
    public const string Password = "secret";

    /// <summary>A phone syncing to <paramref name="syncUrl"/> as <see cref="User"/>.</summary>
    public static Task<Phone> NewPhoneAsync(SyncEvolutionEnvironment env, string syncUrl, string name, PhoneOptions? options = null) =>
        Phone.CreateAsync(env, name, syncUrl, User, Password, options);

    /// <summary>
    /// Asserts that a folder holds no two items with the same FN (the generated and photo cards all have distinct
    /// names), i.e. that no item was applied twice on the phone.
    /// </summary>
    public static void ShouldHaveNoDuplicateNames(IEnumerable<string> cards, string because)
    {
        var names = cards.Select(FormattedName).ToList();
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        duplicates.ShouldBeEmpty(because);
    }

    /// <summary>The server's live contacts as text (the store keeps the decoded payload).</summary>
    public static async Task<IReadOnlyList<string>> ServerCardsAsync(CofferTestServer server) =>
        (await server.LiveItemsAsync(User, global::Coffer.Storage.DatastoreKind.Contacts).ConfigureAwait(false))
            .Select(i => System.Text.Encoding.UTF8.GetString(i.Content ?? []))
            .ToList();

    /// <summary>
    /// The client's file backend writes vCard 3.0 items without UID and adds PRODID/REV and empty properties
    /// (SyncEvolution's Synthesis field list), so folders are compared without those.
    /// </summary>
    public static IReadOnlyList<string> ClientRewrites { get; } = [.. PimItemNormalizer.EngineStamped, "UID"];

    /// <summary>The FN value of a vCard (unfolded), or the empty string.</summary>
    public static string FormattedName(string card)
    {
        foreach (var line in card.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("FN:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("FN;", StringComparison.OrdinalIgnoreCase))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return string.Empty;
    }
}
