using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Coffer.SyncML;

/// <summary>
/// Entry points of the SyncML XML codec (OMA-TS-SyncML_RepPro-V1_2, 1.0/1.1/1.2 messages). Readers take text,
/// bytes, a stream or an already-built <see cref="XDocument"/> (what the WBXML decoder produces) and throw only
/// <see cref="SyncMLFormatException"/>; writers produce the canonical form.
/// </summary>
public static class SyncMLXml
{
    // ---- reading whole messages

    public static SyncMLMessage Parse(string xml, SyncMLReadOptions? options = null)
    {
        var o = options ?? SyncMLReadOptions.Default;
        return Read(SafeXmlLoader.Load(xml, o), o);
    }

    public static SyncMLMessage Parse(ReadOnlySpan<byte> xml, SyncMLReadOptions? options = null)
    {
        var o = options ?? SyncMLReadOptions.Default;
        return Read(SafeXmlLoader.Load(xml, o), o);
    }

    public static SyncMLMessage Parse(Stream xml, SyncMLReadOptions? options = null)
    {
        var o = options ?? SyncMLReadOptions.Default;
        return Read(SafeXmlLoader.Load(xml, o), o);
    }

    /// <summary>Reads a message from a tree built elsewhere (the WBXML decoder). Depth is checked here too.</summary>
    public static SyncMLMessage Read(XDocument document, SyncMLReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var o = options ?? SyncMLReadOptions.Default;
        if (!string.IsNullOrWhiteSpace(document.DocumentType?.InternalSubset))
        {
            throw new SyncMLFormatException("DTDs are not allowed in SyncML: the DOCTYPE has an internal subset.");
        }

        CheckDepth(document.Root, o);
        return new SyncMLXmlReader(o).ReadMessage(document);
    }

    // ---- reading fragments (a SyncHdr or SyncBody on its own, one command)

    public static SyncHdr ReadHeader(XElement syncHdr, SyncMLReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(syncHdr);
        var o = options ?? SyncMLReadOptions.Default;
        CheckDepth(syncHdr, o);
        return new SyncMLXmlReader(o).ReadHeader(syncHdr);
    }

    public static SyncBody ReadBody(XElement syncBody, SyncMLReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(syncBody);
        var o = options ?? SyncMLReadOptions.Default;
        CheckDepth(syncBody, o);
        return new SyncMLXmlReader(o).ReadBody(syncBody);
    }

    public static SyncMLCommand ReadCommand(XElement command, SyncMLReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var o = options ?? SyncMLReadOptions.Default;
        CheckDepth(command, o);
        return new SyncMLXmlReader(o).ReadCommand(command);
    }

    /// <summary>
    /// Loads any XML text with the codec's safety rules (no DTD internal subset, nothing external, size and depth
    /// limits) — for SyncML fragments, DevInf documents and escaped XML found in Item Data.
    /// </summary>
    public static XDocument LoadXDocument(string xml, SyncMLReadOptions? options = null) =>
        SafeXmlLoader.Load(xml, options ?? SyncMLReadOptions.Default);

    /// <inheritdoc cref="LoadXDocument(string, SyncMLReadOptions?)"/>
    public static XDocument LoadXDocument(ReadOnlySpan<byte> xml, SyncMLReadOptions? options = null) =>
        SafeXmlLoader.Load(xml, options ?? SyncMLReadOptions.Default);

    /// <inheritdoc cref="LoadXDocument(string, SyncMLReadOptions?)"/>
    public static XDocument LoadXDocument(ReadOnlyMemory<byte> xml, SyncMLReadOptions? options = null) =>
        SafeXmlLoader.Load(xml, options ?? SyncMLReadOptions.Default);

    // ---- writing

    public static XDocument ToXDocument(SyncMLMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new SyncMLXmlWriter(message.Version).WriteMessage(message));
    }

    public static XElement WriteHeader(SyncHdr header, SyncMLVersion version) =>
        new SyncMLXmlWriter(version).WriteHeader(header ?? throw new ArgumentNullException(nameof(header)));

    public static XElement WriteBody(SyncBody body, SyncMLVersion version) =>
        new SyncMLXmlWriter(version).WriteBody(body ?? throw new ArgumentNullException(nameof(body)));

    public static XElement WriteCommand(SyncMLCommand command, SyncMLVersion version) =>
        new SyncMLXmlWriter(version).WriteCommand(command);

    // A reply of a 500-item message is ~70 KB: written into a fresh MemoryStream, the doubling buffer reached 128 KB, a
    // large-object-heap array per message. One buffer per thread is reused instead (not kept when a message made it
    // larger than this). Measured over one 10,000-card slow sync by SyncEvolution: 4 generation-1 collections and
    // 62 ms of GC pause before, none and 45 ms after (bench/README.md at 32b55cc).
    private const int MaxScratchBytes = 1 << 20;

    [ThreadStatic]
    private static MemoryStream? scratch;

    /// <summary>The message as UTF-8 bytes with an XML declaration, no BOM (what goes on the wire).</summary>
    /// <exception cref="SyncMLFormatException">The model holds characters XML cannot carry (e.g. U+0001).</exception>
    public static byte[] ToUtf8Bytes(SyncMLMessage message, bool indent = false)
    {
        var document = ToXDocument(message);
        foreach (var data in document.Descendants().Where(e => e.Name.LocalName == "Data"))
        {
            if (Wbxml.OpaqueItemBytes.Of(data) is { } bytes)
            {
                // XML has no OPAQUE: the bytes go as the text ItemData.Text makes of them.
                data.Value = ItemData.FromBytes(bytes).Text!;
            }
        }

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = indent,
            CheckCharacters = true,
        };
        var buffer = scratch ??= new MemoryStream();
        buffer.SetLength(0);
        try
        {
            using (var writer = XmlWriter.Create(buffer, settings))
            {
                document.Save(writer);
            }

            return buffer.ToArray();
        }
        catch (ArgumentException e)
        {
            throw new SyncMLFormatException("The message cannot be written as XML: " + e.Message, e);
        }
        finally
        {
            if (buffer.Capacity > MaxScratchBytes)
            {
                scratch = null;
            }
        }
    }

    public static string ToXmlString(SyncMLMessage message, bool indent = false) =>
        Encoding.UTF8.GetString(ToUtf8Bytes(message, indent));

    private static void CheckDepth(XElement? root, SyncMLReadOptions options)
    {
        if (root == null)
        {
            return;
        }

        // Iterative, so a hostile tree cannot overflow the stack before the limit is seen.
        var stack = new Stack<(XElement Element, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (e, depth) = stack.Pop();
            if (depth > options.MaxDepth)
            {
                throw SyncMLXmlReader.Fail(e, $"Elements are nested deeper than the limit of {options.MaxDepth}.");
            }

            foreach (var child in e.Elements())
            {
                stack.Push((child, depth + 1));
            }
        }
    }
}
