using System.Globalization;
using System.Text;

namespace Coffer.Formats.Identity;

/// <summary>Comparison forms of text that survive a device's re-typing: case, accents, spacing, punctuation.</summary>
public static class TextFold
{
    /// <summary>Lower case, accents removed (NFD without combining marks), letters and digits only, words joined by one space.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // ASCII is its own NFD and NFC: the usual name or address skips both normalizations.
        var ascii = Ascii.IsValid(text);
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in ascii ? text : text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(BaseLetters(char.ToLowerInvariant(c)));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return ascii ? sb.ToString() : sb.ToString().Normalize(NormalizationForm.FormC);
    }

    // Latin-1 Supplement and Latin Extended-A letters without their marks. The project runs with invariant
    // globalization, where string.Normalize does not decompose, so the common European letters are folded here.
    private const string Latin1 = "aaaaaa?ceeeeiiiidnooooo?ouuuuy??aaaaaa?ceeeeiiiidnooooo?ouuuuy?y";
    private const string LatinA = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    /// <summary>The words of <see cref="Fold"/> sorted, so "Doe John" and "John Doe" meet.</summary>
    public static string FoldWords(string? text) =>
        string.Join(' ', Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    /// <summary>A phone number's digits, with a leading "+" kept; the text itself (lower case) when it has no digits.</summary>
    public static string PhoneDigits(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var t = text.Trim();
        if (t.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            t = t[4..];
        }

        var sb = new StringBuilder();
        foreach (var c in t)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && sb.Length == 0))
            {
                sb.Append(c);
            }
        }

        return sb.Length == 0 || (sb.Length == 1 && sb[0] == '+') ? t.ToLowerInvariant() : sb.ToString();
    }

    private static string BaseLetters(char c)
    {
        switch (c)
        {
            case 'æ':
                return "ae";
            case 'þ':
                return "th";
            case 'ß':
                return "ss";
            case 'œ':
                return "oe";
        }

        if (c >= '\u00C0' && c <= '\u00FF' && Latin1[c - 0xC0] != '?')
        {
            return Latin1[c - 0xC0].ToString();
        }

        return c >= '\u0100' && c <= '\u017F' ? LatinA[c - 0x100].ToString() : c.ToString();
    }

    /// <summary>Line ends as "\n", trailing whitespace of the whole text removed.</summary>
    public static string Text(string? text) => (text ?? string.Empty).ReplaceLineEndings("\n").Trim();
}
