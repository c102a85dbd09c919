using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Coffer.SyncML;

/// <summary>
/// Turns text or bytes into an <see cref="XDocument"/> without any of XML's dangerous features: a DOCTYPE is
/// accepted only as a bare public/system identifier (the DOCTYPE SyncML 1.1 messages carry, naming the
/// SyncML DTD of OMA-TS-SyncML_RepPro-V1_2 / SyncML RepPro 1.1), any internal subset is rejected before an entity could be expanded (XXE, billion
/// laughs), nothing external is ever resolved, and size and depth are bounded.
/// </summary>
internal static class SafeXmlLoader
{
    public static XDocument Load(string text, SyncMLReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > options.MaxMessageBytes)
        {
            throw TooLarge(text.Length, options);
        }

        using var reader = new StringReader(text);
        return Load(XmlReader.Create(reader, Settings(options)), options);
    }

    public static XDocument Load(ReadOnlySpan<byte> bytes, SyncMLReadOptions options)
    {
        if (bytes.Length > options.MaxMessageBytes)
        {
            throw TooLarge(bytes.Length, options);
        }

        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Load(XmlReader.Create(stream, Settings(options)), options);
    }

    /// <summary>As <see cref="Load(ReadOnlySpan{byte}, SyncMLReadOptions)"/>, reading an array-backed buffer in place (no copy of the message).</summary>
    public static XDocument Load(ReadOnlyMemory<byte> bytes, SyncMLReadOptions options)
    {
        if (!MemoryMarshal.TryGetArray(bytes, out var segment))
        {
            return Load(bytes.Span, options);
        }

        if (segment.Count > options.MaxMessageBytes)
        {
            throw TooLarge(segment.Count, options);
        }

        using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        return Load(XmlReader.Create(stream, Settings(options)), options);
    }

    public static XDocument Load(Stream stream, SyncMLReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        try
        {
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > options.MaxMessageBytes)
                {
                    throw TooLarge(buffer.Length, options);
                }
            }
        }
        catch (IOException e)
        {
            throw new SyncMLFormatException("Could not read the SyncML message: " + e.Message, e);
        }

        return Load(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
    }

    private static XmlReaderSettings Settings(SyncMLReadOptions options) => new()
    {
        // Parse (not Prohibit) so that the DOCTYPE node is reported and a bare public id can be accepted;
        // the internal subset is rejected as soon as the node is seen, before any entity is referenced.
        DtdProcessing = DtdProcessing.Parse,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = options.MaxMessageBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static XDocument Load(XmlReader reader, SyncMLReadOptions options)
    {
        using (reader)
        {
            var lineInfo = reader as IXmlLineInfo;
            var names = new NameCache();
            var doc = new XDocument();
            XContainer current = doc;
            var seenRoot = false;
            var elements = 0;
            try
            {
                while (reader.Read())
                {
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.DocumentType:
                            if (!string.IsNullOrWhiteSpace(reader.Value))
                            {
                                throw Fail(lineInfo, "DTDs are not allowed in SyncML: the DOCTYPE has an internal subset (entity or element declarations).");
                            }

                            doc.Add(new XDocumentType(reader.Name, reader.GetAttribute("PUBLIC"), reader.GetAttribute("SYSTEM"), null));
                            break;
                        case XmlNodeType.Element:
                            if (reader.Depth + 1 > options.MaxDepth)
                            {
                                throw Fail(lineInfo, $"Elements are nested deeper than the limit of {options.MaxDepth}.");
                            }

                            if (++elements > options.MaxElements)
                            {
                                throw new SyncMLFormatException($"The message has more than {options.MaxElements} elements.") { LimitExceeded = true };
                            }

                            seenRoot = true;
                            var element = new XElement(names.Get(reader.LocalName, reader.NamespaceURI));
                            if (lineInfo != null && lineInfo.HasLineInfo())
                            {
                                element.AddAnnotation(new LineInfo(lineInfo.LineNumber, lineInfo.LinePosition));
                            }

                            var empty = reader.IsEmptyElement;
                            if (reader.MoveToFirstAttribute())
                            {
                                do
                                {
                                    if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                                    {
                                        element.Add(new XAttribute(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value));
                                    }
                                }
                                while (reader.MoveToNextAttribute());
                                reader.MoveToElement();
                            }

                            current.Add(element);
                            if (!empty)
                            {
                                current = element;
                            }

                            break;
                        case XmlNodeType.EndElement:
                            if (options.HeaderOnly && reader.Depth == 1 && current is XElement { Name.LocalName: "SyncHdr" })
                            {
                                return doc;
                            }

                            current = current.Parent ?? (XContainer)doc;
                            break;
                        case XmlNodeType.Text:
                        case XmlNodeType.CDATA:
                        case XmlNodeType.Whitespace:
                        case XmlNodeType.SignificantWhitespace:
                            if (current is XElement parent)
                            {
                                parent.Add(reader.Value);
                            }

                            break;
                        case XmlNodeType.EntityReference:
                            // Only reported when entities are not expanded; with no internal subset there are none.
                            throw Fail(lineInfo, "Entity references are not allowed in SyncML.");
                        default:
                            break;
                    }
                }
            }
            catch (XmlException e)
            {
                var dtd = !seenRoot && (e.Message.Contains("entity", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("DTD", StringComparison.Ordinal));
                var prefix = dtd ? "DTDs are not allowed in SyncML; the DOCTYPE could not be accepted: " : "Malformed XML: ";
                throw new SyncMLFormatException(prefix + e.Message, e) { Position = e.LineNumber > 0 ? e.LineNumber : null };
            }
            catch (DecoderFallbackException e)
            {
                throw new SyncMLFormatException("Malformed XML: the bytes do not match the declared encoding: " + e.Message, e);
            }
            catch (ArgumentException e)
            {
                // Unknown encoding names in the XML declaration surface as ArgumentException.
                throw new SyncMLFormatException("Malformed XML: " + e.Message, e);
            }

            if (doc.Root == null)
            {
                throw new SyncMLFormatException("Malformed XML: the document has no root element.");
            }

            return doc;
        }
    }

    /// <summary>
    /// The reader hands out each distinct name as one string instance (its name table), so an <see cref="XName"/> can
    /// be remembered by reference: a 500-item message repeats a few dozen names thousands of times, and
    /// <see cref="XName.Get(string, string)"/> hashes both strings on every call.
    /// </summary>
    private sealed class NameCache
    {
        private readonly Dictionary<(string Local, string Ns), XName> names = new(ReferencePairComparer.Instance);

        public XName Get(string local, string ns)
        {
            if (!names.TryGetValue((local, ns), out var name))
            {
                name = XName.Get(local, ns);
                names[(local, ns)] = name;
            }

            return name;
        }
    }

    private sealed class ReferencePairComparer : IEqualityComparer<(string Local, string Ns)>
    {
        public static readonly ReferencePairComparer Instance = new();

        public bool Equals((string Local, string Ns) x, (string Local, string Ns) y) =>
            ReferenceEquals(x.Local, y.Local) && ReferenceEquals(x.Ns, y.Ns);

        public int GetHashCode((string Local, string Ns) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Local), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Ns));
    }

    private static SyncMLFormatException Fail(IXmlLineInfo? info, string message)
    {
        if (info != null && info.HasLineInfo())
        {
            return new SyncMLFormatException($"{message} (line {info.LineNumber}, position {info.LinePosition})") { Position = info.LineNumber };
        }

        return new SyncMLFormatException(message);
    }

    private static SyncMLFormatException TooLarge(long size, SyncMLReadOptions options) =>
        new($"The SyncML message is larger than the limit of {options.MaxMessageBytes} bytes ({size}).") { LimitExceeded = true };
}
