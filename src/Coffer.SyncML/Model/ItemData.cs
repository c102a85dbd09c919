using System.Xml.Linq;

namespace Coffer.SyncML;

/// <summary>
/// The Data of an Item (OMA-TS-SyncML_RepPro-V1_2, element Data): either character data (a vCard, an iCalendar,
/// base64 of a binary) or one nested XML element (a DevInf, a MetInf Anchor). Exactly one of
/// <see cref="Text"/> and <see cref="Element"/> is set.
/// </summary>
public sealed class ItemData
{
    private ItemData(string? text, XElement? element)
    {
        Text = text;
        Element = element;
    }

    /// <summary>Character data exactly as received (whitespace included).</summary>
    public string? Text { get; }

    /// <summary>A nested element, kept with its own namespace (e.g. <c>syncml:devinf</c>).</summary>
    public XElement? Element { get; }

    public bool IsElement => Element != null;

    public static ItemData FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

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
}
