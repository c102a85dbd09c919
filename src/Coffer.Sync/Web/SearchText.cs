using Coffer.Formats.Identity;

namespace Coffer.Sync.Web;

/// <summary>The folded forms lists are searched and sorted by: case, accents and punctuation do not matter.</summary>
public static class SearchText
{
    public static string Fold(string? text) => TextFold.Fold(text);

    /// <summary>The searchable text of several fields, each folded; phone numbers also as bare digits.</summary>
    public static string Of(IEnumerable<string?> fields, IEnumerable<string?>? phones = null)
    {
        var parts = fields.Select(TextFold.Fold).Where(f => f.Length > 0).ToList();
        foreach (var phone in phones ?? [])
        {
            var digits = new string((phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
            if (digits.Length > 0)
            {
                parts.Add(digits);
            }
        }

        return string.Join('\n', parts);
    }

    /// <summary>
    /// Whether every word of the folded query occurs in the text; a query of digits (and phone punctuation) also
    /// matches a phone number written with other punctuation.
    /// </summary>
    public static bool Matches(string searchText, string[] queryWords, string? queryDigits)
    {
        if (queryDigits != null && searchText.Contains(queryDigits, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var word in queryWords)
        {
            if (!searchText.Contains(word, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
