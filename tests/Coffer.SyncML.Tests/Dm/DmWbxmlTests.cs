using System.Text;
using System.Xml.Linq;
using Coffer.SyncML.Wbxml;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Dm;

/// <summary>
/// OMA DM 1.2 messages (packages 1–4, Dm/vectors) against libwbxml as an independent oracle, in both directions:
/// every message as Coffer writes it, encoded by Coffer, must read back through <c>wbxml2xml</c> as the same tree;
/// <c>xml2wbxml</c>'s encoding of it must decode in Coffer to the same model. DM messages are SyncML 1.2 documents
/// (public id 0x1201, MetInf on page 1); a DM tree (TNDS MgmtTree) travels as a nested document of its own on code
/// page 2, named by the string public id "-//OMA//DTD-DM-DDF 1.2//EN", as libwbxml writes it.
/// </summary>
public sealed class DmWbxmlTests
{
    private static readonly string VectorFolder = Path.Combine(TestDataPaths.RepoRoot, "tests", "Coffer.SyncML.Tests", "Dm", "vectors");

    public static TheoryData<string> Messages
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(VectorFolder, "*.xml").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }
    }

    private static XDocument Vector(string name) => XDocument.Load(Path.Combine(VectorFolder, name));

    /// <summary>The message as Coffer's SyncML writer gives it: what the server and the agent put on the wire.</summary>
    private static XDocument Written(string name) => SyncMLXml.ToXDocument(SyncMLXml.Read(Vector(name)));

    private static string ModelText(XDocument document) => SyncMLXml.ToXmlString(SyncMLXml.Read(document), indent: true);

    [Fact]
    public void Every_package_has_a_vector()
    {
        var names = Directory.GetFiles(VectorFolder, "*.xml").Select(f => Path.GetFileName(f)).ToList();
        names.Count.ShouldBeGreaterThanOrEqualTo(6);
        foreach (var package in new[] { "pkg1-", "pkg2-", "pkg3-", "pkg4-" })
        {
            names.ShouldContain(n => n.StartsWith(package, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Vector_is_a_dm_message_coffer_writes_unchanged(string name)
    {
        var vector = Vector(name);
        var written = Written(name);

        written.Root!.Element(WbxmlNamespaces.SyncML12 + "SyncHdr")!.Element(WbxmlNamespaces.SyncML12 + "VerProto")!.Value.ShouldBe("DM/1.2");
        WbxmlTreeComparer.ShouldBeSameTree(written.Root!, vector.Root!);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Our_wbxml_read_by_wbxml2xml_is_what_we_wrote(string name)
    {
        var written = Written(name);

        var wbxml = WbxmlEncoder.Encode(written);

        // SyncML 1.2's public id; wbxml2xml turns the "+wbxml" TNDS type we write back into "+xml".
        wbxml[1..3].ShouldBe(new byte[] { 0x80 | 0x24, 0x01 });
        WbxmlTreeComparer.ShouldBeSameTree(Libwbxml.Wbxml2Xml(wbxml).Root!, written.Root!);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Our_wbxml_with_string_table_v13_read_by_wbxml2xml_is_what_we_wrote(string name)
    {
        var written = Written(name);

        var wbxml = WbxmlEncoder.Encode(written, new WbxmlEncodeOptions { UseStringTable = true, Version = WbxmlVersion.V1_3, StringPublicId = true, OpaqueItemData = false });

        WbxmlTreeComparer.ShouldBeSameTree(Libwbxml.Wbxml2Xml(wbxml).Root!, written.Root!);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Xml2wbxml_output_decodes_in_coffer_to_the_same_model(string name)
    {
        var written = Written(name);
        using var dir = new TempDirectory("coffer-dm-");
        var path = dir.File(name);
        written.Save(path);

        foreach (var flags in new[] { Array.Empty<string>(), ["-n", "-v", "1.2"] })
        {
            var wbxml = Libwbxml.Xml2Wbxml(path, flags);

            var decoded = WbxmlDecoder.Decode(wbxml, new WbxmlOptions { Strict = true });
            var asServer = WbxmlDecoder.Decode(wbxml, new WbxmlOptions { ItemDataAsBytes = true });

            WbxmlTreeComparer.ShouldBeSameTree(decoded.Root!, written.Root!, devInfTypeAsXml: true, because: string.Join(' ', flags));
            ModelText(decoded).Replace("dmtnds+wbxml", "dmtnds+xml", StringComparison.Ordinal).ShouldBe(ModelText(written));
            ModelText(asServer).ShouldBe(ModelText(decoded));
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Xml2wbxml_output_decoded_by_us_has_the_namespaces_wbxml2xml_gives(string name)
    {
        using var dir = new TempDirectory("coffer-dm-");
        var path = dir.File(name);
        Written(name).Save(path);
        var wbxml = Libwbxml.Xml2Wbxml(path);

        WbxmlTreeComparer.ShouldBeSameTree(WbxmlDecoder.Decode(wbxml).Root!, Libwbxml.Wbxml2Xml(wbxml).Root!, devInfTypeAsXml: true);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Encode_then_decode_gives_the_written_tree(string name)
    {
        var written = Written(name);

        var exact = WbxmlDecoder.Decode(WbxmlEncoder.Encode(written, new WbxmlEncodeOptions { RewriteDevInfMetaType = false }), new WbxmlOptions { Strict = true });

        WbxmlTreeComparer.ShouldBeSameTree(exact.Root!, written.Root!);
    }

    [Fact]
    public void Tnds_tree_is_a_nested_dm_ddf_document_as_libwbxml_writes_it()
    {
        var written = Written("pkg3-results.xml");
        using var dir = new TempDirectory("coffer-dm-");
        var path = dir.File("pkg3.xml");
        written.Save(path);

        var ours = WbxmlEncoder.Encode(written, new WbxmlEncodeOptions { Version = WbxmlVersion.V1_3 });
        var theirs = Libwbxml.Xml2Wbxml(path, "-n");

        // WBXML 1.3, public id 0 + string-table index 0, UTF-8, a 27-byte table holding the DM DDF public id, then
        // SWITCH_PAGE 2 and MgmtTree (0x20) with content: the header of the OPAQUE both encoders write.
        byte[] nestedHeader = [0x03, 0x00, 0x00, 0x6A, 0x1B, .. Encoding.ASCII.GetBytes(WbxmlPublicIds.DmDdf12Text), 0x00, 0x00, 0x02, 0x60];
        ours.AsSpan().IndexOf(nestedHeader).ShouldBeGreaterThan(0);
        theirs.AsSpan().IndexOf(nestedHeader).ShouldBeGreaterThan(0);
        Encoding.ASCII.GetString(ours).ShouldContain("application/vnd.syncml.dmtnds+wbxml");

        var tree = WbxmlDecoder.Decode(theirs, new WbxmlOptions { Strict = true }).Descendants(WbxmlNamespaces.DmDdf12 + "MgmtTree").ShouldHaveSingleItem();
        tree.Parent!.Name.ShouldBe(WbxmlNamespaces.SyncML12 + "Data");
        tree.Descendants(WbxmlNamespaces.DmDdf12 + "node").ShouldHaveSingleItem();
        tree.Descendants(WbxmlNamespaces.DmDdf12 + "Node").Count().ShouldBe(3);
    }

    [Fact]
    public void Dm_ddf_document_on_its_own_round_trips_through_libwbxml()
    {
        var tree = Written("pkg3-results.xml").Descendants(WbxmlNamespaces.DmDdf12 + "MgmtTree").Single();
        var document = new XDocument(new XElement(tree));

        var wbxml = WbxmlEncoder.Encode(document);

        WbxmlTreeComparer.ShouldBeSameTree(Libwbxml.Wbxml2Xml(wbxml).Root!, tree);
        var decoded = WbxmlDecoder.Decode(wbxml, new WbxmlOptions { Strict = true });
        decoded.DocumentType!.PublicId.ShouldBe(WbxmlPublicIds.DmDdf12Text);
        WbxmlTreeComparer.ShouldBeSameTree(decoded.Root!, tree);
    }
}
