using System.Xml.Linq;

namespace Coffer.SyncML.Tests.Model;

public class ItemDataTests
{
    [Fact]
    public void Devinf_sent_as_escaped_text_parses_into_the_element()
    {
        // Some clients put DevInf in Data as escaped character data (Meta Format chr) instead of nested markup.
        var xml = "<SyncML xmlns='SYNCML:SYNCML1.1'><SyncHdr><VerDTD>1.1</VerDTD><VerProto>SyncML/1.1</VerProto><SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>s</LocURI></Target><Source><LocURI>c</LocURI></Source></SyncHdr>"
            + "<SyncBody><Put><CmdID>1</CmdID><Item><Source><LocURI>./devinf11</LocURI></Source><Data>&lt;DevInf xmlns='syncml:devinf'&gt;&lt;VerDTD&gt;1.1&lt;/VerDTD&gt;&lt;Man&gt;ACME &amp;amp; Co&lt;/Man&gt;&lt;/DevInf&gt;</Data></Item></Put></SyncBody></SyncML>";
        var data = ((PutCommand)SyncMLXml.Parse(xml).Body.Commands[0]).Items[0].Data!;
        data.IsElement.ShouldBeFalse();
        var devinf = data.ToElement();
        devinf.Name.ShouldBe(SyncMLNamespaces.DevInf + "DevInf");
        devinf.Element(SyncMLNamespaces.DevInf + "Man")!.Value.ShouldBe("ACME & Co");
    }

    [Fact]
    public void Escaped_text_with_an_entity_declaration_is_rejected()
    {
        var data = ItemData.FromText("<!DOCTYPE DevInf [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><DevInf>&x;</DevInf>");
        Should.Throw<SyncMLFormatException>(() => data.ToElement()).Message.ShouldContain("DTDs are not allowed");
    }

    [Fact]
    public void Text_that_is_not_xml_is_a_format_error()
    {
        Should.Throw<SyncMLFormatException>(() => ItemData.FromText("BEGIN:VCARD\nEND:VCARD").ToElement());
    }

    [Fact]
    public void Element_data_is_returned_as_is()
    {
        var anchor = new XElement(SyncMLNamespaces.MetInf + "Anchor");
        var data = ItemData.FromElement(anchor);
        data.ToElement().ShouldBeSameAs(anchor);
        data.Text.ShouldBeNull();
    }
}
