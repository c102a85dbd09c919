using System.Xml.Linq;

namespace Coffer.SyncML.Wbxml;

/// <summary>
/// The bytes of an Item's Data that travel as one WBXML OPAQUE (WAP-192-WBXML §5.8.4.6), kept beside the element tree as
/// an annotation of its Data element instead of as text: a multi-MB photo chunk is never turned into a string.
/// The decoder adds it when asked (<see cref="WbxmlOptions.ItemDataAsBytes"/>), the writer of the model adds it for
/// <see cref="ItemData.FromBytes"/>, and the encoder writes it as OPAQUE.
/// </summary>
public sealed class OpaqueItemBytes(ReadOnlyMemory<byte> bytes)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <summary>The bytes on <paramref name="element"/>, if it carries them.</summary>
    public static ReadOnlyMemory<byte>? Of(XElement element) => element.Annotation<OpaqueItemBytes>()?.Bytes;
}
