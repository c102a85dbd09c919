using System.Xml.Linq;

namespace Coffer.SyncML;

/// <summary>
/// The Data of an Item (OMA-TS-SyncML_RepPro-V1_2, element Data): either character data (a vCard, an iCalendar,
/// base64 of a binary), bytes that travel as one WBXML OPAQUE (Format "bin", OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6), or one
/// nested XML element (a DevInf, a MetInf Anchor). <see cref="Element"/> is set for the last; <see cref="Text"/> for the
/// others (for bytes it is made from them when first asked for).
/// </summary>
public sealed class ItemData
{
    private string? text;

    private ItemData(string? text, XElement? element, ReadOnlyMemory<byte>? bytes = null)
    {
        this.text = text;
        Element = element;
        Bytes = bytes;
    }

    /// <summary>
    /// Character data exactly as received (whitespace included). For <see cref="Bytes"/>: their UTF-8 text, or their
    /// base64 when they are not UTF-8 (what the WBXML decoder makes of a binary OPAQUE, docs/wbxml.md).
    /// </summary>
    public string? Text => text ??= Bytes is { } bytes ? TextOf(bytes.Span) : null;

    /// <summary>The bytes of a Data element that was, or is to be, one WBXML OPAQUE; null for text and elements.</summary>
    public ReadOnlyMemory<byte>? Bytes { get; }

    /// <summary>A nested element, kept with its own namespace (e.g. <c>syncml:devinf</c>).</summary>
    public XElement? Element { get; }

    public bool IsElement => Element != null;

    public static ItemData FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Data that goes as the bytes themselves: one OPAQUE in WBXML (an XML message carries <see cref="Text"/>).</summary>
    public static ItemData FromBytes(ReadOnlyMemory<byte> bytes) => new(null, null, bytes);

    public static ItemData FromElement(XElement element) =>
        new(null, element ?? throw new ArgumentNullException(nameof(element)));

    /// <summary>
    /// The data as one XML element: <see cref="Element"/> when set, otherwise <see cref="Text"/> parsed as XML.
    /// Some clients send DevInf as escaped text instead of nested markup (OMA-TS-DS_DevInf-V1_2 allows
    /// Format "chr" or "xml"); the text is parsed with the same rules as a message: no DTD internal subset,
    /// nothing external resolved, the size and depth limits of <paramref name="options"/>.
    /// </summary>
    /// <exception cref="SyncMLFormatException">The text is not one well-formed XML element.</exception>
    public XElement ToElement(SyncMLReadOptions? options = null)
    {
        if (Element != null)
        {
            return Element;
        }

        var doc = SyncMLXml.LoadXDocument(Text ?? string.Empty, options ?? SyncMLReadOptions.Default);
        return doc.Root ?? throw new SyncMLFormatException("Item Data holds no XML element.");
    }

    public override string ToString() => Element?.ToString(SaveOptions.DisableFormatting) ?? Text ?? string.Empty;

    private static string TextOf(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToBase64String(bytes);
}
