using System.Xml.Linq;

namespace Coffer.SyncML.Wbxml;

/// <summary>
/// Decodes WBXML 1.1-1.3 SyncML, DevInf and MetInf documents (WAP-192-WBXML; SyncML Representation 1.1 and
/// OMA-TS-SyncML_RepPro-V1_2 WBXML code pages) into an <see cref="XDocument"/> whose elements carry the SyncML namespaces
/// (<see cref="WbxmlNamespaces"/>). Pure: no I/O. Any input it cannot accept raises
/// <see cref="SyncMLFormatException"/> with the byte offset in <see cref="SyncMLFormatException.Position"/>.
/// </summary>
public static class WbxmlDecoder
{
    public static XDocument Decode(ReadOnlySpan<byte> wbxml, WbxmlOptions? options = null) => Decode(wbxml, default, options);

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{byte}, WbxmlOptions?)"/>, but an item's data that is one OPAQUE
    /// (<see cref="OpaqueItemBytes"/>) is a slice of <paramref name="wbxml"/>, not a copy: the caller must not reuse
    /// that array while the document lives (never a pooled buffer).
    /// </summary>
    public static XDocument DecodeSharing(ReadOnlyMemory<byte> wbxml, WbxmlOptions? options = null) => Decode(wbxml.Span, wbxml, options);

    private static XDocument Decode(ReadOnlySpan<byte> wbxml, ReadOnlyMemory<byte> source, WbxmlOptions? options)
    {
        options ??= WbxmlOptions.Default;
        if (wbxml.Length > options.MaxInputSize)
        {
            throw new SyncMLFormatException($"WBXML: input of {wbxml.Length} bytes exceeds the limit of {options.MaxInputSize}") { Position = options.MaxInputSize, LimitExceeded = true };
        }

        if (wbxml.IsEmpty)
        {
            throw new SyncMLFormatException("WBXML: empty input") { Position = 0 };
        }

        try
        {
            var parser = new WbxmlDocumentParser(wbxml, 0, options, new WbxmlDecodeBudget(options.MaxTextLength, options.MaxElements), 0, source);
            var root = parser.ParseDocument();
            var language = parser.Language;
            var document = new XDocument();
            if (options.IncludeDocumentType)
            {
                document.Add(new XDocumentType(root.Name.LocalName, language.PublicIdText, language.SystemId, null));
            }

            document.Add(root);
            return document;
        }
        catch (Exception e) when (e is not SyncMLFormatException and not OutOfMemoryException)
        {
            // Defence in depth: the parser checks every bound itself; anything else is still a format error.
            throw new SyncMLFormatException("WBXML: " + e.Message, e);
        }
    }
}
