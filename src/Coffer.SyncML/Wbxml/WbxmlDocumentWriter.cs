using System.Buffers;
using System.Text;
using System.Xml.Linq;

namespace Coffer.SyncML.Wbxml;

/// <summary>Writes one WBXML document (header, string table, body) for an element tree of a known language.</summary>
internal sealed class WbxmlDocumentWriter
{
    private const string DevInfXmlType = "application/vnd.syncml-devinf+xml";
    private const string DevInfWbxmlType = "application/vnd.syncml-devinf+wbxml";
    private const string TndsXmlType = "application/vnd.syncml.dmtnds+xml";
    private const string TndsWbxmlType = "application/vnd.syncml.dmtnds+wbxml";

    private readonly WbxmlEncodeOptions options;
    private readonly WbxmlLanguage language;
    private readonly int depthBase;
    // The body of a message with item bytes is megabytes: written into a buffer of this thread, sized once for the
    // OPAQUE bytes it will hold, instead of a fresh stream doubling its way up (each step a new large-object-heap array,
    // its pages faulted in and copied). Not kept past this size; nested DevInf documents use their own stream.
    private const int MaxScratchBytes = 16 << 20;

    [ThreadStatic]
    private static MemoryStream? scratch;

    private readonly WbxmlStringTable table = new();
    private readonly MemoryStream body;
    private HashSet<string> tabled = [];
    private byte page;

    public WbxmlDocumentWriter(WbxmlEncodeOptions options, WbxmlLanguage language, int depthBase)
    {
        this.options = options;
        this.language = language;
        this.depthBase = depthBase;
        body = depthBase == 0 ? scratch ??= new MemoryStream() : new MemoryStream();
        body.SetLength(0);
    }

    /// <summary>The document type of a root: its namespace, else VerDTD, else the DOCTYPE, else the enclosing SyncML version.</summary>
    public static WbxmlLanguage LanguageOf(XElement root, string? doctypePublicId, int? outerMinor)
    {
        var byNamespace = WbxmlLanguage.FromSyncMLNamespace(root.Name.Namespace);
        if (byNamespace != null)
        {
            return byNamespace;
        }

        if (root.Name.Namespace == WbxmlNamespaces.DmDdf12 || root.Name.LocalName == "MgmtTree")
        {
            return WbxmlLanguage.DmDdf12;
        }

        var byDoctype = doctypePublicId == null ? null : WbxmlLanguage.FromPublicId(doctypePublicId);
        WbxmlDocumentKind kind;
        XElement? verDtd;
        switch (root.Name.LocalName)
        {
            case "SyncML":
                kind = WbxmlDocumentKind.SyncML;
                verDtd = root.Elements().FirstOrDefault(e => e.Name.LocalName == "SyncHdr")?.Elements().FirstOrDefault(e => e.Name.LocalName == "VerDTD");
                break;
            case "DevInf":
                kind = WbxmlDocumentKind.DevInf;
                verDtd = root.Elements().FirstOrDefault(e => e.Name.LocalName == "VerDTD");
                break;
            case "MetInf":
                return WbxmlLanguage.MetInf12;
            default:
                throw new SyncMLFormatException($"WBXML: cannot tell the document type of root <{root.Name.LocalName}> (expected SyncML, DevInf, MetInf or MgmtTree)");
        }

        // VerDTD (SyncHdr in SyncML Representation, top of DevInf) is "1.0", "1.1" or "1.2".
        int? minor = verDtd?.Value.Trim() switch
        {
            "1.0" => 0,
            "1.1" => 1,
            "1.2" => 2,
            _ => null,
        };
        if (minor == null && byDoctype?.Kind == kind)
        {
            return byDoctype;
        }

        return WbxmlLanguage.For(kind, minor ?? outerMinor ?? 2);
    }

    public byte[] Write(XElement root)
    {
        try
        {
            var header = WriteBody(root);
            var result = new byte[header.Length + body.Length];
            CopyDocument(header, result);
            return result;
        }
        finally
        {
            ReleaseScratch();
        }
    }

    /// <summary>As <see cref="Write"/>, into an array of the shared pool.</summary>
    public RentedBytes WriteRented(XElement root)
    {
        try
        {
            var header = WriteBody(root);
            var length = (int)(header.Length + body.Length);
            var array = ArrayPool<byte>.Shared.Rent(length);
            CopyDocument(header, array);
            return new RentedBytes(array, length);
        }
        finally
        {
            ReleaseScratch();
        }
    }

    /// <summary>Writes the body; returns the document's header (version, public id, charset, string table).</summary>
    private MemoryStream WriteBody(XElement root)
    {
        // WAP-192-WBXML §5.5: a language without a numeric public id (DM DDF) is named by its string.
        uint? publicIdIndex = options.StringPublicId || !language.HasNumericPublicId ? table.Add(language.PublicIdText) : null;
        if (options.UseStringTable)
        {
            tabled = RepeatedStrings(root);
        }

        var opaque = root.DescendantsAndSelf().Sum(e => (long)(OpaqueItemBytes.Of(e)?.Length ?? 0));
        if (opaque > 0)
        {
            body.Capacity = (int)Math.Min(int.MaxValue, Math.Max(body.Capacity, opaque + (64 << 10)));
        }

        WriteElement(root, contextPage: language.Pages[0].Page, depth: depthBase + 1);
        return Header(publicIdIndex);
    }

    private void ReleaseScratch()
    {
        if (body.Capacity > MaxScratchBytes && ReferenceEquals(body, scratch))
        {
            scratch = null;
        }
    }

    private MemoryStream Header(uint? publicIdIndex)
    {
        var output = new MemoryStream();

        // WAP-192-WBXML §5.3: version, publicid (or 0 + string table index), charset, strtbl, body.
        output.WriteByte((byte)options.Version);
        if (publicIdIndex is { } index)
        {
            output.WriteByte(0);
            WriteMbUInt32(output, index);
        }
        else
        {
            WriteMbUInt32(output, language.PublicId);
        }

        WriteMbUInt32(output, WbxmlTokens.CharsetUtf8);
        WriteMbUInt32(output, (uint)table.Length);
        table.WriteTo(output);
        return output;
    }

    /// <summary>The header, then the body (megabytes with item data), copied once into <paramref name="destination"/>.</summary>
    private void CopyDocument(MemoryStream header, byte[] destination)
    {
        header.GetBuffer().AsSpan(0, (int)header.Length).CopyTo(destination);
        body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(destination.AsSpan((int)header.Length));
    }

    /// <summary>mb_u_int32 (WAP-192-WBXML §5.1): 7-bit groups, most significant first, continuation bit set on all but the last.</summary>
    public static void WriteMbUInt32(Stream stream, uint value)
    {
        Span<byte> buffer = stackalloc byte[5];
        var i = buffer.Length;
        buffer[--i] = (byte)(value & 0x7F);
        while ((value >>= 7) != 0)
        {
            buffer[--i] = (byte)(0x80 | (value & 0x7F));
        }

        stream.Write(buffer[i..]);
    }

    private void WriteElement(XElement element, byte contextPage, int depth)
    {
        if (depth > options.MaxDepth)
        {
            throw new SyncMLFormatException($"WBXML: elements nested deeper than {options.MaxDepth}");
        }

        var (tagPage, token, literal) = Resolve(element, contextPage);
        CheckAttributes(element);
        var content = ContentOf(element);
        var hasContent = content.Count > 0 || !element.IsEmpty;

        byte flags = hasContent ? WbxmlTokens.ContentFlag : (byte)0;
        if (literal != null)
        {
            // WAP-192-WBXML §5.8.4.5: LITERAL carries the tag name as a string-table offset.
            body.WriteByte((byte)(WbxmlTokens.Literal | flags));
            WriteMbUInt32(body, table.Add(literal));
        }
        else
        {
            if (tagPage != page)
            {
                // WAP-192-WBXML §5.8.1: SWITCH_PAGE changes the tag code page until the next switch.
                body.WriteByte(WbxmlTokens.SwitchPage);
                body.WriteByte(tagPage);
                page = tagPage;
            }

            body.WriteByte((byte)(token | flags));
        }

        if (!hasContent)
        {
            return;
        }

        if (OpaqueItemBytes.Of(element) is { } opaque)
        {
            WriteOpaque(opaque.Span);
            body.WriteByte(WbxmlTokens.End);
            return;
        }

        var role = TextRole(element, tagPage, token, literal);

        // The text so far: its one piece (item data: megabytes not copied again), or a builder once a second comes.
        object? text = null;
        foreach (var node in content)
        {
            if (node is XText t)
            {
                text = text switch
                {
                    null => t.Value,
                    string first => new StringBuilder(first).Append(t.Value),
                    _ => ((StringBuilder)text).Append(t.Value),
                };
                continue;
            }

            if (text != null)
            {
                WriteText(text as string ?? text.ToString()!, role);
                text = null;
            }

            var child = (XElement)node;
            if (IsNestedDocument(child))
            {
                WriteNestedDocument(child, depth + 1);
            }
            else
            {
                WriteElement(child, tagPage, depth + 1);
            }
        }

        if (text != null)
        {
            WriteText(text as string ?? text.ToString()!, role);
        }

        body.WriteByte(WbxmlTokens.End);
    }

    private (byte Page, byte Token, string? Literal) Resolve(XElement element, byte contextPage)
    {
        var name = element.Name;
        if (WbxmlUnknownTag.TryParse(name.LocalName, out var unknownPage, out var unknownToken))
        {
            return (unknownPage, unknownToken, null);
        }

        var strict = options.Strict;
        var byNamespace = language.Pages.FirstOrDefault(p => p.Namespace == name.Namespace);
        if (byNamespace != null)
        {
            if (byNamespace.TryGetToken(name.LocalName, language.Minor, strict, out var token))
            {
                return (byNamespace.Page, token, null);
            }

            return Literal(element, byNamespace.Page);
        }

        if (name.Namespace != XNamespace.None && strict)
        {
            throw new SyncMLFormatException($"WBXML: namespace \"{name.Namespace}\" of <{name.LocalName}> has no code page in {language.PublicIdText}");
        }

        // No namespace (libwbxml's test messages have none) or a foreign one: look the name up on the page in
        // use first, then on the other pages of the document type.
        foreach (var candidate in language.Pages.OrderBy(p => p.Page == contextPage ? 0 : 1))
        {
            if (candidate.TryGetToken(name.LocalName, language.Minor, strict, out var token))
            {
                return (candidate.Page, token, null);
            }
        }

        return Literal(element, contextPage);
    }

    private (byte Page, byte Token, string? Literal) Literal(XElement element, byte contextPage)
    {
        if (options.Strict)
        {
            throw new SyncMLFormatException($"WBXML: <{element.Name.LocalName}> is not an element of {language.PublicIdText}");
        }

        return (contextPage, 0, element.Name.LocalName);
    }

    private void CheckAttributes(XElement element)
    {
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || attribute.Name == WbxmlNamespaces.OpaqueEncoding)
            {
                continue;
            }

            // SyncML defines no attributes; Loose drops them.
            if (options.Strict)
            {
                throw new SyncMLFormatException($"WBXML: attribute {attribute.Name} on <{element.Name.LocalName}>: SyncML has no attributes");
            }
        }
    }

    /// <summary>Elements and text; comments and PIs are dropped, and so is whitespace between child elements.</summary>
    private static List<XNode> ContentOf(XElement element)
    {
        var nodes = element.Nodes().Where(n => n is XElement or XText).ToList();
        if (nodes.Any(n => n is XElement))
        {
            nodes.RemoveAll(n => n is XText t && string.IsNullOrWhiteSpace(t.Value));
        }

        return nodes;
    }

    private TextKind TextRole(XElement element, byte tagPage, byte token, string? literal)
    {
        if ((string?)element.Attribute(WbxmlNamespaces.OpaqueEncoding) == "base64")
        {
            return TextKind.Base64Opaque;
        }

        if (literal != null || language.Kind != WbxmlDocumentKind.SyncML)
        {
            return TextKind.String;
        }

        // Item data goes as OPAQUE, as Synthesis-based peers send it: Data is opaque content in the
        // Representation DTD, and OPAQUE keeps CR LF and any byte sequence intact.
        if (options.OpaqueItemData && tagPage == 0 && token == 0x0F && element.Parent?.Name.LocalName == "Item")
        {
            return TextKind.Opaque;
        }

        return tagPage == 1 && token == 0x13 ? TextKind.MetInfType : TextKind.String;
    }

    private void WriteText(string text, TextKind role)
    {
        switch (role)
        {
            case TextKind.Base64Opaque:
                var b64 = text.AsSpan().Trim();
                var bytes = ArrayPool<byte>.Shared.Rent(b64.Length / 4 * 3 + 3);
                try
                {
                    if (!Convert.TryFromBase64Chars(b64, bytes, out var decoded))
                    {
                        throw new SyncMLFormatException("WBXML: element marked as base64 OPAQUE does not hold base64 text");
                    }

                    WriteOpaque(bytes.AsSpan(0, decoded));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }

                return;
            case TextKind.Opaque:
                WriteOpaque(text);
                return;
            case TextKind.MetInfType when options.RewriteDevInfMetaType && text.Trim() == DevInfXmlType:
                text = DevInfWbxmlType;
                break;
            case TextKind.MetInfType when options.RewriteDevInfMetaType && text.Trim() == TndsXmlType:
                // The TNDS tree goes as WBXML too (OMA-TS-DM_TNDS-V1_2 MIME types; libwbxml rewrites it the same way).
                text = TndsWbxmlType;
                break;
        }

        if (text.Contains('\0'))
        {
            // A termstr cannot hold NUL (WAP-192-WBXML §5.8.4.1); OPAQUE can.
            WriteOpaque(Encoding.UTF8.GetBytes(text));
        }
        else if (tabled.Contains(text))
        {
            body.WriteByte(WbxmlTokens.StrT);
            WriteMbUInt32(body, table.Add(text));
        }
        else
        {
            body.WriteByte(WbxmlTokens.StrI);
            body.Write(Encoding.UTF8.GetBytes(text));
            body.WriteByte(0);
        }
    }

    private void WriteOpaque(string text)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(text));
        try
        {
            WriteOpaque(bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, bytes)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private void WriteOpaque(ReadOnlySpan<byte> bytes)
    {
        // WAP-192-WBXML §5.8.4.6: OPAQUE, mb_u_int32 length, bytes.
        body.WriteByte(WbxmlTokens.Opaque);
        WriteMbUInt32(body, (uint)bytes.Length);
        body.Write(bytes);
    }

    private bool IsNestedDocument(XElement element) =>
        language.Kind == WbxmlDocumentKind.SyncML && IsNestedRoot(element);

    private static bool IsNestedRoot(XElement element) =>
        (element.Name.LocalName == "DevInf" && (element.Name.Namespace == WbxmlNamespaces.DevInf || element.Name.Namespace == XNamespace.None))
        || (element.Name.LocalName == "MgmtTree" && (element.Name.Namespace == WbxmlNamespaces.DmDdf12 || element.Name.Namespace == XNamespace.None));

    private void WriteNestedDocument(XElement root, int depth)
    {
        // A DevInf or a DM tree (TNDS MgmtTree) inside a SyncML message is a document of its own, carried as OPAQUE:
        // the WBXML counterpart of the inline XML in the item's Data (OMA-TS-DS_DevInf-V1_2 MIME type
        // application/vnd.syncml-devinf+wbxml; OMA-TS-DM_TNDS-V1_2 application/vnd.syncml.dmtnds+wbxml). libwbxml does the same.
        var nestedLanguage = LanguageOf(root, null, language.Minor);
        WriteOpaque(new WbxmlDocumentWriter(options, nestedLanguage, depth - 1).Write(root));
    }

    private static HashSet<string> RepeatedStrings(XElement root)
    {
        // Strings seen twice or more go to the string table: STR_T costs one token plus a short offset.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element != root && IsNestedRoot(element))
            {
                continue;
            }

            if (!element.HasElements && !element.IsEmpty)
            {
                var value = element.Value;
                if (value.Length >= 2 && !value.Contains('\0'))
                {
                    counts[value] = counts.GetValueOrDefault(value) + 1;
                }
            }
        }

        return counts.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
    }

    private enum TextKind
    {
        String,
        Opaque,
        Base64Opaque,
        MetInfType,
    }
}
