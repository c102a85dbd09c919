using System.Buffers;

namespace Coffer.Formats.ContentLines;

/// <summary>Property and parameter names, which are case-insensitive and kept upper-cased (RFC 6350 §3.3, RFC 5545 §3.1).</summary>
internal static class Names
{
    private static readonly SearchValues<char> NotUpperAscii = SearchValues.Create(
        Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => c is >= 'a' and <= 'z' or > '\x7F').ToArray());

    /// <summary>
    /// The upper-cased name, the same instance when it already is: names almost always arrive upper-case ASCII, and
    /// the culture-invariant casing tables cost more than the rest of reading the line.
    /// </summary>
    public static string Upper(string name) =>
        name.AsSpan().IndexOfAny(NotUpperAscii) < 0 ? name : name.ToUpperInvariant();
}
