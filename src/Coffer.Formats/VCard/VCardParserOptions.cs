using System.Text;

namespace Coffer.Formats.VCard;

/// <summary>Settings for <see cref="VCardParser"/>.</summary>
public sealed class VCardParserOptions
{
    public static VCardParserOptions Default { get; } = new();

    public static VCardParserOptions Strict { get; } = new() { Compliance = ParserCompliance.Strict };

    public ParserCompliance Compliance { get; init; } = ParserCompliance.Loose;

    /// <summary>For byte input: charset of unlabelled 8-bit text that is not UTF-8 (Loose; default Windows-1252).</summary>
    public Encoding? FallbackCharset { get; init; }
}
