using System.Xml.Linq;

namespace Coffer.SyncML.Wbxml;

/// <summary>
/// Encodes a SyncML, DevInf or MetInf tree as WBXML (WAP-192-WBXML; SyncML Representation 1.1 and
/// OMA-TS-SyncML_RepPro-V1_2 WBXML code pages). Tokens are chosen by element namespace and name; elements without a
/// namespace are looked up by name on the code pages of the document type, which the root tells (its namespace,
/// VerDTD or DOCTYPE). A DevInf element inside a SyncML message becomes an OPAQUE holding a WBXML DevInf document.
/// Trees it cannot encode raise <see cref="SyncMLFormatException"/>.
/// </summary>
public static class WbxmlEncoder
{
    public static byte[] Encode(XDocument document, WbxmlEncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root ?? throw new SyncMLFormatException("WBXML: the document has no root element");
        return Encode(root, document.DocumentType?.PublicId, options);
    }

    public static byte[] Encode(XElement root, WbxmlEncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Encode(root, null, options);
    }

    /// <summary>As <see cref="Encode(XDocument, WbxmlEncodeOptions?)"/>, into a pooled array the caller disposes once the bytes are sent.</summary>
    public static RentedBytes EncodeRented(XDocument document, WbxmlEncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root ?? throw new SyncMLFormatException("WBXML: the document has no root element");
        return Writer(root, document.DocumentType?.PublicId, options).WriteRented(root);
    }

    private static byte[] Encode(XElement root, string? doctypePublicId, WbxmlEncodeOptions? options) =>
        Writer(root, doctypePublicId, options).Write(root);

    private static WbxmlDocumentWriter Writer(XElement root, string? doctypePublicId, WbxmlEncodeOptions? options)
    {
        options ??= WbxmlEncodeOptions.Default;
        if (options.Version is < WbxmlVersion.V1_1 or > WbxmlVersion.V1_3)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Version, "WBXML version must be 1.1, 1.2 or 1.3");
        }

        var language = WbxmlDocumentWriter.LanguageOf(root, doctypePublicId, outerMinor: null);
        return new WbxmlDocumentWriter(options, language, depthBase: 0);
    }
}
