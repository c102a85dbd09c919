namespace Coffer.Formats.ContentLines;

/// <summary>Settings for <see cref="ContentLineWriter"/>.</summary>
public sealed class ContentLineWriterOptions
{
    public static ContentLineWriterOptions Default { get; } = new();

    /// <summary>Longest physical line in octets, line break excluded (RFC 6350 §3.2, RFC 5545 §3.1: 75).</summary>
    public int MaxLineOctets { get; init; } = 75;

    public string NewLine { get; init; } = "\r\n";

    /// <summary>
    /// Write base64 values the vCard 2.1 way (§2.1.3): the value starts on its own indented line and a blank
    /// line ends it, which 2.1 parsers rely on.
    /// </summary>
    public bool LegacyBase64Layout { get; init; }
}
