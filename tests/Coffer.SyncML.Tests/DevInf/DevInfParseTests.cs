using System.Xml.Linq;
using Coffer.SyncML.DevInf;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.DevInf;

public class DevInfParseTests
{
    private static string Devinf01Text() => File.ReadAllText(TestDataPaths.Path("buteo", "devinf01.txt"));

    [Fact]
    public void Devinf_escaped_as_text_in_item_data_reads_like_the_nested_element()
    {
        var text = Devinf01Text();
        var data = new XElement("Data", text); // serialized as &lt;DevInf ...
        data.ToString().ShouldContain("&lt;DevInf");

        var fromText = DevInfXml.ReadItemData(XElement.Parse(data.ToString()));
        var fromElement = DevInfXml.ReadItemData(new XElement("Data", XElement.Parse(text.Substring(text.IndexOf("<DevInf", StringComparison.Ordinal)))));
        fromText.ShouldBeEquivalentTo(fromElement);
        fromText.CTCaps.Count.ShouldBe(3);
    }

    [Fact]
    public void Devinf_in_cdata_is_read()
    {
        var data = new XElement("Data", new XCData(Devinf01Text()));
        DevInfXml.ReadItemData(data).DevID.ShouldBe("IMEI:356064034969473");
    }

    [Fact]
    public void Item_data_without_devinf_is_a_format_error()
    {
        Should.Throw<SyncMLFormatException>(() => DevInfXml.ReadItemData(new XElement("Data", "200")));
    }

    [Fact]
    public void Entity_expansion_bomb_is_refused()
    {
        const string bomb = "<?xml version='1.0'?><!DOCTYPE DevInf [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
            + "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><DevInf xmlns='syncml:devinf'><Man>&c;</Man></DevInf>";
        Should.Throw<SyncMLFormatException>(() => DevInfXml.Parse(bomb));
    }

    [Fact]
    public void External_entity_is_refused()
    {
        const string xxe = "<!DOCTYPE DevInf [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><DevInf xmlns='syncml:devinf'><Man>&x;</Man></DevInf>";
        Should.Throw<SyncMLFormatException>(() => DevInfXml.Parse(xxe));
    }

    [Fact]
    public void Malformed_xml_reports_its_line()
    {
        var ex = Should.Throw<SyncMLFormatException>(() => DevInfXml.Parse("<DevInf>\n<Man>x</DevInf>"));
        ex.Position.ShouldBe(2);
    }

    [Fact]
    public void Truncated_and_mutated_devinf_only_ever_raises_the_format_exception()
    {
        var text = File.ReadAllText(TestDataPaths.Path("buteo", "devinf02.txt"));
        var rng = new Random(12345);
        for (var i = 0; i < 300; i++)
        {
            var chars = text.ToCharArray(0, rng.Next(text.Length));
            for (var k = 0; k < 3 && chars.Length > 0; k++)
            {
                chars[rng.Next(chars.Length)] = "<>/&;x \"'"[rng.Next(9)];
            }

            var input = new string(chars);
            try
            {
                foreach (var strict in new[] { false, true })
                {
                    DevInfXml.Parse(input, strict);
                }
            }
            catch (SyncMLFormatException)
            {
            }
        }
    }
}
