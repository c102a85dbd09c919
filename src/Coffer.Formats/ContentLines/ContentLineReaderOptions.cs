using System.Text;

namespace Coffer.Formats.ContentLines;

/// <summary>Settings for <see cref="ContentLineReader"/> and <see cref="ComponentReader"/>.</summary>
public sealed class ContentLineReaderOptions
{
    public static ContentLineReaderOptions Default { get; } = new();

    public static ContentLineReaderOptions Strict { get; } = new() { Compliance = ParserCompliance.Strict };

    public ParserCompliance Compliance { get; init; } = ParserCompliance.Loose;

    /// <summary>
    /// For byte input: the charset of 8-bit text that is neither valid UTF-8 nor labelled with CHARSET
    /// (Loose only; Strict rejects it). vCard 2.1 §2.1.5 makes ASCII the default, real phones send their
    /// own code page, Windows-1252 is the common case.
    /// </summary>
    public Encoding? FallbackCharset { get; init; }
}
