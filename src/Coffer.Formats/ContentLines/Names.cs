using System.Text;

namespace Coffer.Formats.ContentLines;

/// <summary>Property and parameter names, which are case-insensitive and kept upper-cased (RFC 6350 §3.3, RFC 5545 §3.1).</summary>
internal static class Names
{
    /// <summary>
    /// The upper-cased name, the same instance when it already is: names almost always arrive upper-case ASCII, and
    /// the culture-invariant casing tables cost more than the rest of reading the line.
    /// </summary>
    public static string Upper(string name) =>
        Ascii.IsValid(name) && !name.AsSpan().ContainsAnyInRange('a', 'z') ? name : name.ToUpperInvariant();
}
