using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Coffer.SyncML.Wbxml;

/// <summary>
/// Parses one WBXML document (WAP-192-WBXML §5) of a SyncML-family language into an element tree. A DevInf
/// document nested in an OPAQUE is parsed by a second instance over the OPAQUE bytes.
/// </summary>
internal ref struct WbxmlDocumentParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly WbxmlOptions options;
    private readonly WbxmlDecodeBudget budget;
    private readonly int depthBase;
    private WbxmlReader reader;

    // The array the document is a span of, when the caller hands it over: an item's OPAQUE then stays a slice of it.
    private readonly ReadOnlyMemory<byte> source;
    private ReadOnlySpan<byte> stringTable;
    private WbxmlLanguage language;
    private uint charset;
    private byte page;
    private Dictionary<uint, string>? stringCache;
    private bool headerRead;

    public WbxmlDocumentParser(ReadOnlySpan<byte> data, long baseOffset, WbxmlOptions options, WbxmlDecodeBudget budget, int depthBase, ReadOnlyMemory<byte> source = default)
    {
        reader = new WbxmlReader(data, baseOffset);
        this.source = source;
        this.options = options;
        this.budget = budget;
        this.depthBase = depthBase;
        stringTable = default;
        language = WbxmlLanguage.SyncML12;
        charset = WbxmlTokens.CharsetUtf8;
        page = 0;
        stringCache = null;
        headerRead = false;
    }

    public readonly WbxmlLanguage Language => language;

    /// <summary>The public identifier of a header without parsing further; null when it is not a known SyncML-family id.</summary>
    public static WbxmlLanguage? PeekLanguage(ReadOnlySpan<byte> data)
    {
        try
        {
            var p = new WbxmlDocumentParser(data, 0, WbxmlOptions.Default, new WbxmlDecodeBudget(long.MaxValue), 0);
            return p.ReadHeader(inferUnknown: false) ? p.language : null;
        }
        catch (SyncMLFormatException)
        {
            return null;
        }
    }

    /// <summary>Parses header and body; the root element, its DOCTYPE identifiers available via <see cref="Language"/>.</summary>
    public XElement ParseDocument()
    {
        if (!ReadHeader(inferUnknown: !options.Strict))
        {
            throw reader.Fail("unknown public identifier (not a SyncML, DevInf, MetInf or DM DDF document)", 1);
        }

        SkipProcessingInstructions();
        var rootAt = reader.Offset;
        var root = ParseElement(depthBase + 1);
        if (options.Strict && root.Name.LocalName != language.RootName)
        {
            throw reader.Fail($"root element is {root.Name.LocalName}, the public identifier says {language.RootName}", rootAt);
        }

        if (headerRead)
        {
            return root;
        }

        // body = *pi element *pi (WAP-192-WBXML §5.3): nothing else may follow the root.
        SkipProcessingInstructions();
        if (!reader.AtEnd)
        {
            throw reader.Fail($"unexpected byte 0x{reader.Peek("data"):X2} after the root element");
        }

        return root;
    }

    // WAP-192-WBXML §5.3-§5.7: version, publicid, charset, strtbl.
    private bool ReadHeader(bool inferUnknown)
    {
        var version = reader.ReadByte("version");

        // Versions 1.1-1.3 share this header; 1.0 (0x00) has no charset field and SyncML never used it.
        if (version is < 0x01 or > 0x03)
        {
            throw reader.Fail($"unsupported WBXML version 0x{version:X2} (expected 0x01-0x03)", 0);
        }

        var publicIdAt = reader.Offset;
        var publicId = reader.ReadMbUInt32("public identifier");
        uint? publicIdIndex = publicId == 0 ? reader.ReadMbUInt32("public identifier string index") : null;
        var charsetAt = reader.Offset;
        charset = reader.ReadMbUInt32("charset");
        var tableLength = reader.ReadLength("string table");
        stringTable = reader.ReadBytes(tableLength, "string table");

        // WAP-192-WBXML §5.6: 0 = unknown charset; Loose reads it as UTF-8, the SyncML default.
        var supported = charset is WbxmlTokens.CharsetUtf8 or WbxmlTokens.CharsetUsAscii or WbxmlTokens.CharsetLatin1 || (charset == 0 && !options.Strict);
        if (!supported)
        {
            throw reader.Fail($"unsupported charset MIBenum {charset} (UTF-8 = 106, US-ASCII = 3 and ISO-8859-1 = 4 are supported)", charsetAt);
        }

        WbxmlLanguage? found;
        if (publicIdIndex is { } index)
        {
            // WAP-192-WBXML §5.5: publicid 0 is followed by an index of the public identifier string in the string table.
            found = WbxmlLanguage.FromPublicId(StringAt(index, publicIdAt));
        }
        else
        {
            found = WbxmlLanguage.FromPublicId(publicId);
        }

        if (found == null && inferUnknown)
        {
            found = InferLanguageFromRoot();
        }

        if (found == null)
        {
            return false;
        }

        language = found;
        return true;
    }

    // Loose: "unknown" (0x01) or foreign public ids are read by the root tag token.
    private readonly WbxmlLanguage? InferLanguageFromRoot()
    {
        var data = reader.Data;
        var i = reader.Offset;
        byte p = 0;
        while (i + 1 < data.Length && data[i] == WbxmlTokens.SwitchPage)
        {
            p = data[i + 1];
            i += 2;
        }

        if (i >= data.Length)
        {
            return null;
        }

        var token = (byte)(data[i] & 0x3F);
        return (p, token) switch
        {
            (0, 0x2D) => WbxmlLanguage.SyncML12,
            (0, 0x0A) => WbxmlLanguage.DevInf12,
            (1, 0x0E) => WbxmlLanguage.MetInf12,
            (2, 0x20) => WbxmlLanguage.DmDdf12,
            _ => null,
        };
    }

    private XElement ParseElement(int depth, XElement? parent = null)
    {
        if (depth > options.MaxDepth)
        {
            throw reader.Fail($"elements nested deeper than {options.MaxDepth}");
        }

        var tagAt = reader.Offset;
        budget.SpendElement(reader, tagAt);
        var tag = reader.ReadByte("a tag");
        while (tag == WbxmlTokens.SwitchPage)
        {
            SwitchPage();
            tagAt = reader.Offset;
            tag = reader.ReadByte("a tag");
        }

        var name = TagName(tag, tagAt);
        if ((tag & WbxmlTokens.AttributesFlag) != 0)
        {
            // SyncML, DevInf and MetInf define no attributes (their WBXML tables have no attribute code pages).
            if (options.Strict)
            {
                throw reader.Fail($"attributes on <{name.LocalName}>: SyncML has no attributes", tagAt);
            }

            SkipAttributeList();
        }

        var element = new XElement(name);
        if ((tag & WbxmlTokens.ContentFlag) != 0)
        {
            var itemData = options.ItemDataAsBytes && language.Kind == WbxmlDocumentKind.SyncML && name.LocalName == "Data" && parent?.Name.LocalName == "Item";
            ParseContent(element, depth, itemData);
        }

        return element;
    }

    private XName TagName(byte tag, int at)
    {
        if (tag is WbxmlTokens.Literal or WbxmlTokens.LiteralA or WbxmlTokens.LiteralC or WbxmlTokens.LiteralAc)
        {
            // WAP-192-WBXML §5.8.4.5: LITERAL names the tag by a string-table index.
            var indexAt = reader.Offset;
            var literal = StringAt(reader.ReadMbUInt32("literal tag name index"), indexAt);
            try
            {
                return CurrentNamespace() + XmlConvert.VerifyNCName(literal);
            }
            catch (Exception e) when (e is XmlException or ArgumentException)
            {
                throw reader.Fail($"literal tag name \"{literal}\" is not an XML name", at);
            }
        }

        if (WbxmlTokens.IsGlobal(tag))
        {
            throw reader.Fail($"expected a tag, found global token 0x{tag:X2}", at);
        }

        var token = (byte)(tag & 0x3F);
        var codePage = language.Page(page);
        var known = codePage?.NameOf(token, language.Minor, options.Strict);
        if (codePage != null && known != null)
        {
            return codePage.Namespace + known;
        }

        if (options.Strict)
        {
            throw reader.Fail($"unknown tag token 0x{token:X2} on code page {page} of {language.PublicIdText}", at);
        }

        // Loose: keep the element under a name the encoder turns back into the same token.
        return (codePage?.Namespace ?? XNamespace.None) + WbxmlUnknownTag.Name(page, token);
    }

    private readonly XNamespace CurrentNamespace() => language.Page(page)?.Namespace ?? XNamespace.None;

    private void ParseContent(XElement element, int depth, bool itemData)
    {
        object? text = null;
        while (true)
        {
            var at = reader.Offset;
            var token = reader.ReadByte($"content or END of <{element.Name.LocalName}>");
            switch (token)
            {
                case WbxmlTokens.End:
                    Flush(element, ref text);
                    if (element.IsEmpty)
                    {
                        // A tag with the content flag and no content stays distinguishable from an empty tag.
                        element.Value = string.Empty;
                    }

                    return;
                case WbxmlTokens.SwitchPage:
                    SwitchPage();
                    break;
                case WbxmlTokens.StrI:
                    Append(ref text, DecodeText(reader.ReadTermString("inline string"), at));
                    break;
                case WbxmlTokens.StrT:
                    Append(ref text, StringAt(reader.ReadMbUInt32("string table reference"), at + 1));
                    break;
                case WbxmlTokens.Entity:
                    Append(ref text, Entity(reader.ReadMbUInt32("entity"), at));
                    break;
                case WbxmlTokens.Opaque:
                    Opaque(element, ref text, depth, at, itemData);
                    break;
                case WbxmlTokens.Pi:
                    RejectOrSkip("processing instruction", at);
                    SkipAttributeList();
                    break;
                case WbxmlTokens.ExtI0 or WbxmlTokens.ExtI1 or WbxmlTokens.ExtI2:
                    RejectOrSkip("extension token", at);
                    reader.ReadTermString("extension string");
                    break;
                case WbxmlTokens.ExtT0 or WbxmlTokens.ExtT1 or WbxmlTokens.ExtT2:
                    RejectOrSkip("extension token", at);
                    reader.ReadMbUInt32("extension value");
                    break;
                case WbxmlTokens.Ext0 or WbxmlTokens.Ext1 or WbxmlTokens.Ext2:
                    RejectOrSkip("extension token", at);
                    break;
                default:
                    Flush(element, ref text);
                    reader.Seek(at);
                    var child = ParseElement(depth + 1, element);
                    element.Add(child);
                    if (options.HeaderOnly && depth == depthBase + 1 && child.Name.LocalName == "SyncHdr")
                    {
                        headerRead = true;
                        return;
                    }

                    break;
            }
        }
    }

    private void SwitchPage()
    {
        var at = reader.Offset - 1;
        page = reader.ReadByte("code page number");
        if (options.Strict && language.Page(page) == null)
        {
            throw reader.Fail($"code page {page} is not defined for {language.PublicIdText}", at);
        }
    }

    // SyncML defines no extensions and no processing instructions (its WBXML tables have none).
    private readonly void RejectOrSkip(string what, int at)
    {
        if (options.Strict)
        {
            throw reader.Fail($"{what} 0x{reader.Data[at]:X2}: SyncML defines none", at);
        }
    }

    private void SkipProcessingInstructions()
    {
        while (!reader.AtEnd && reader.Peek("pi") == WbxmlTokens.Pi)
        {
            RejectOrSkip("processing instruction", reader.Offset);
            reader.ReadByte("pi");
            SkipAttributeList();
        }
    }

    // attribute list / PI body: attrStart *attrValue ... END (WAP-192-WBXML §5.8.3), skipped token by token.
    private void SkipAttributeList()
    {
        while (true)
        {
            var token = reader.ReadByte("attribute or END");
            switch (token)
            {
                case WbxmlTokens.End:
                    return;
                case WbxmlTokens.SwitchPage:
                    reader.ReadByte("attribute code page");
                    break;
                case WbxmlTokens.StrI or WbxmlTokens.ExtI0 or WbxmlTokens.ExtI1 or WbxmlTokens.ExtI2:
                    reader.ReadTermString("attribute string");
                    break;
                case WbxmlTokens.Literal or WbxmlTokens.StrT or WbxmlTokens.Entity or WbxmlTokens.ExtT0 or WbxmlTokens.ExtT1 or WbxmlTokens.ExtT2:
                    reader.ReadMbUInt32("attribute value");
                    break;
                case WbxmlTokens.Opaque:
                    reader.ReadBytes(reader.ReadLength("opaque attribute"), "opaque attribute");
                    break;
                default:
                    break;
            }
        }
    }

    private void Opaque(XElement element, ref object? text, int depth, int at, bool itemData)
    {
        var length = reader.ReadLength("OPAQUE");
        var bytesAt = reader.Offset;
        var bytes = reader.ReadBytes(length, "OPAQUE");

        // A DevInf document in a SyncML Data travels as OPAQUE holding a whole WBXML DevInf document
        // (application/vnd.syncml-devinf+wbxml, OMA-TS-DS_DevInf-V1_2; Synthesis and libwbxml do this), and so does
        // a DM tree, a WBXML MgmtTree document (application/vnd.syncml.dmtnds+wbxml, OMA-TS-DM_TNDS-V1_2; libwbxml).
        if (options.DecodeNestedDevInf && language.Kind == WbxmlDocumentKind.SyncML && PeekLanguage(bytes)?.Kind is WbxmlDocumentKind.DevInf or WbxmlDocumentKind.DmDdf)
        {
            try
            {
                var nested = new WbxmlDocumentParser(bytes, reader.BaseOffset + bytesAt, options, budget, depth);
                var devInf = nested.ParseDocument();
                Flush(element, ref text);
                element.Add(devInf);
                return;
            }
            catch (SyncMLFormatException) when (!options.Strict)
            {
                // Loose: a broken nested document is kept as opaque data below.
            }
        }

        if (itemData && text == null && element.IsEmpty && reader.Peek("END") == WbxmlTokens.End)
        {
            // An Item's Data that is one OPAQUE stays bytes (Format bin or not, the reader of the model decides).
            budget.Spend(bytes.Length, reader, at);
            element.AddAnnotation(new OpaqueItemBytes(source.IsEmpty ? bytes.ToArray() : source.Slice(bytesAt, length)));
            return;
        }

        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Binary OPAQUE (item data in WBXML need not be text): base64 text plus a marker attribute, when it
            // is the element's only content; mixed with other content it cannot be marked and is read lossily.
            var onlyContent = text == null && element.IsEmpty && reader.Peek("END") == WbxmlTokens.End;
            if (onlyContent)
            {
                budget.Spend(((bytes.Length + 2) / 3) * 4, reader, at);
                element.SetAttributeValue(WbxmlNamespaces.OpaqueEncoding, "base64");
                Append(ref text, Convert.ToBase64String(bytes));
                return;
            }

            if (options.Strict)
            {
                throw reader.Fail("OPAQUE data is not UTF-8 and shares its element with other content", at);
            }

            decoded = Encoding.UTF8.GetString(bytes);
        }

        budget.Spend(decoded.Length, reader, at);
        CheckXmlChars(decoded, at);
        Append(ref text, decoded);
    }

    private readonly string Entity(uint codePoint, int at)
    {
        // WAP-192-WBXML §5.8.4.3: ENTITY carries a UCS-4 character code.
        if (codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
        {
            throw reader.Fail($"entity U+{codePoint:X} is not a Unicode character", at);
        }

        var s = char.ConvertFromUtf32((int)codePoint);
        budget.Spend(s.Length, reader, at);
        CheckXmlChars(s, at);
        return s;
    }

    private string StringAt(uint index, int at)
    {
        // WAP-192-WBXML §5.7 / §5.8.4.1: a string-table reference is a byte offset to the start of a NUL-terminated string.
        if (index >= (uint)stringTable.Length)
        {
            throw reader.Fail($"string table reference {index} outside a table of {stringTable.Length} bytes", at);
        }

        stringCache ??= [];
        if (!stringCache.TryGetValue(index, out var s))
        {
            var rest = stringTable[(int)index..];
            var nul = rest.IndexOf((byte)0);
            if (nul < 0)
            {
                throw reader.Fail($"string table entry at {index} has no terminating NUL", at);
            }

            s = DecodeRaw(rest[..nul], at);
            CheckXmlChars(s, at);
            stringCache[index] = s;
        }

        budget.Spend(s.Length, reader, at);
        return s;
    }

    private readonly string DecodeText(ReadOnlySpan<byte> bytes, int at)
    {
        var s = DecodeRaw(bytes, at);
        budget.Spend(s.Length, reader, at);
        CheckXmlChars(s, at);
        return s;
    }

    private readonly string DecodeRaw(ReadOnlySpan<byte> bytes, int at)
    {
        if (charset == WbxmlTokens.CharsetLatin1)
        {
            return Encoding.Latin1.GetString(bytes);
        }

        if (options.Strict && charset == WbxmlTokens.CharsetUsAscii && bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F))
        {
            throw reader.Fail("non-ASCII byte in a US-ASCII document", at);
        }

        if (!options.Strict)
        {
            // Loose: invalid UTF-8 sequences become U+FFFD.
            return Encoding.UTF8.GetString(bytes);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw reader.Fail("string is not valid UTF-8", at);
        }
    }

    private readonly void CheckXmlChars(string s, int at)
    {
        if (!options.Strict)
        {
            return;
        }

        // XML 1.0 §2.2 Char: what an XML document (and so a SyncML message) can carry.
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }

            if (!XmlConvert.IsXmlChar(c))
            {
                throw reader.Fail($"character U+{(int)c:X4} cannot appear in XML", at);
            }
        }
    }

    // An element's text so far: the one string it has (item data is one piece: a multi-MB OPAQUE is not copied again),
    // or a builder once a second piece comes.
    private static void Append(ref object? text, string s) => text = text switch
    {
        null => s,
        string first => new StringBuilder(first).Append(s),
        _ => ((StringBuilder)text).Append(s),
    };

    private static void Flush(XElement element, ref object? text)
    {
        if (text != null)
        {
            // A non-empty string is kept as the element's content itself, so reading its Value copies nothing.
            var value = text as string ?? text.ToString()!;
            element.Add(value.Length > 0 ? value : new XText(value));
            text = null;
        }
    }
}
