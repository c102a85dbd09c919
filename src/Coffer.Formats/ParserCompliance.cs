namespace Coffer.Formats;

/// <summary>How strictly a parser holds input to its specification (after MimeKit's ParserOptions).</summary>
public enum ParserCompliance
{
    /// <summary>Accept what real devices send (bare LF, missing END, 8-bit text, unknown escapes) and repair it.</summary>
    Loose,

    /// <summary>Reject anything the specification does not allow, with a <see cref="PimFormatException"/>.</summary>
    Strict,
}
