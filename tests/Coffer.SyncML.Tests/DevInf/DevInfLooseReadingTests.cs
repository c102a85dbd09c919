using System.Xml.Linq;
using Coffer.SyncML.DevInf;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.DevInf;

public class DevInfLooseReadingTests
{
    private static XElement Libwbxml(string name) =>
        DevInfCorpus.LoadDocument(TestDataPaths.Path("libwbxml-syncml", name)).Descendants().First(e => e.Name.LocalName == "DevInf");

    [Fact]
    public void Devinf_level_syncap_of_the_syncml11_sample_applies_to_its_datastores()
    {
        var info = DevInfXml.Read(Libwbxml("syncml-003.xml"));
        info.VerDTD.ShouldBeNull();
        info.DataStores.Single().SyncCap.ShouldBe(["01", "02"]);
        info.DataStores.Single().SupportsSyncType(DevInfSyncType.Slow).ShouldBeTrue();
        info.DataStores.Single().RxPref!.CTType.ShouldBe("text/x-vcard"); // "text/x-vcard " trimmed
    }

    [Fact]
    public void Strict_mode_rejects_the_misplaced_syncap_and_missing_verdtd()
    {
        var ex = Should.Throw<SyncMLFormatException>(() => DevInfXml.Read(Libwbxml("syncml-003.xml"), strict: true));
        ex.Message.ShouldContain("SyncCap");
    }

    [Fact]
    public void Ext_elements_are_read()
    {
        var info = DevInfXml.Read(DevInfCorpus.LoadDocument(TestDataPaths.Path("libwbxml-syncml", "syncml-011.xml")).Root!);
        info.Exts.ShouldNotBeEmpty();
        info.Exts.ShouldAllBe(x => x.XNam.Length > 0);
        info.DataStores[0].DSMem!.MaxMem.ShouldBe(32650);
        info.DataStores[0].DSMem!.MaxID.ShouldBe(250);
    }

    [Fact]
    public void Unknown_elements_are_ignored_loose_and_rejected_strict()
    {
        var xml = XElement.Parse("<DevInf xmlns='syncml:devinf'><VerDTD>1.2</VerDTD><DevID>d</DevID><DevTyp>phone</DevTyp><Gadget/>"
            + "<DataStore><SourceRef>a</SourceRef><Rx-Pref><CTType>text/plain</CTType><VerCT>1.0</VerCT></Rx-Pref>"
            + "<Tx-Pref><CTType>text/plain</CTType><VerCT>1.0</VerCT></Tx-Pref><SyncCap><SyncType>1</SyncType></SyncCap></DataStore></DevInf>");
        DevInfXml.Read(xml).DataStores.Count.ShouldBe(1);
        Should.Throw<SyncMLFormatException>(() => DevInfXml.Read(xml, strict: true)).Message.ShouldContain("Gadget");
    }

    [Fact]
    public void Bad_numbers_are_dropped_loose_and_rejected_strict()
    {
        var xml = XElement.Parse("<DevInf xmlns='syncml:devinf'><VerDTD>1.2</VerDTD><DevID>d</DevID><DevTyp>phone</DevTyp>"
            + "<DataStore><SourceRef>a</SourceRef><MaxGUIDSize>lots</MaxGUIDSize><Rx-Pref><CTType>text/plain</CTType><VerCT>1.0</VerCT></Rx-Pref>"
            + "<Tx-Pref><CTType>text/plain</CTType><VerCT>1.0</VerCT></Tx-Pref><SyncCap><SyncType>1</SyncType></SyncCap></DataStore></DevInf>");
        DevInfXml.Read(xml).DataStores[0].MaxGUIDSize.ShouldBeNull();
        Should.Throw<SyncMLFormatException>(() => DevInfXml.Read(xml, strict: true));
    }

    [Fact]
    public void A_non_devinf_root_is_rejected()
    {
        Should.Throw<SyncMLFormatException>(() => DevInfXml.Read(new XElement("SyncML")));
    }
}
