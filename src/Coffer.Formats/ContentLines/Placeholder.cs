namespace Coffer.Formats.ContentLines;

/// <summary>
/// A value that is empty or holds nothing but separators (";", ",") and whitespace: what phones send for every field
/// they know but the item does not use (<c>GEO:,;</c>, <c>ADR;HOME:;;;;;;</c>, <c>PHOTO:</c>). No specification gives
/// such a value a meaning (RFC 6350 §3.3 components and RFC 5545 §3.1 values carry data), so every format reads and
/// writes the property as absent.
/// </summary>
public static class Placeholder
{
    public static bool IsPlaceholder(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is not (';' or ',') && !char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every item of every component is a placeholder (a parsed structured or list value).</summary>
    public static bool IsPlaceholder(IReadOnlyList<IReadOnlyList<string>> components)
    {
        foreach (var component in components)
        {
            foreach (var item in component)
            {
                if (!IsPlaceholder(item))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
