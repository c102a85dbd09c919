using System.Xml.Linq;
using Coffer.SyncML.DevInf;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.DevInf;

/// <summary>buteo-syncml's DevInf 1.1 (flat CTCap) and 1.2 (structured CTCap) samples.</summary>
public class ButeoDevInfTests
{
    private static DeviceInfo Load(string name) =>
        DevInfXml.Read(DevInfCorpus.LoadDocument(TestDataPaths.Path("buteo", name)).Root!);

    [Fact]
    public void Devinf11_flat_ctcap_is_grouped_per_cttype()
    {
        var info = Load("devinf01.txt");
        info.Version.ShouldBe(DevInfVersion.V11);
        info.CTCaps.Select(c => c.CTType).ShouldBe(["text/x-vcard", "text/x-vcalendar", "text/plain"]);
        var vcard = info.CTCaps[0];
        vcard.FindProperty("TEL")!.PropParams.Select(p => p.ParamName).ShouldBe(["HOME", "WORK", "CELL", "PAGER", "FAX", "VOICE", "CAR", "VIDEO"]);
        vcard.FindProperty("VERSION")!.ValEnum.ShouldBe(["2.1"]);
        vcard.FindProperty("FN")!.PropParams.ShouldBeEmpty();

        // Multi-line ValEnum text keeps its inner line breaks.
        info.CTCaps[1].FindProperty("X-ADAPTERVERSION")!.ValEnum.Single().ShouldBe("v 21.0.045\n14-01-10\nRM-505\n(c) Nokia");

        // <PropName/><DataType>chr</DataType><Size>0</Size>: an unnamed property with type and size.
        var plain = info.CTCaps[2].Properties.Single();
        plain.PropName.ShouldBe(string.Empty);
        plain.DataType.ShouldBe("chr");
        plain.MaxSize.ShouldBe(0);
    }

    [Fact]
    public void Devinf12_structured_ctcap_fields()
    {
        var info = Load("devinf02.txt");
        var contacts = info.FindDataStore("./Contacts")!;
        contacts.SupportHierarchicalSync.ShouldBeTrue();
        contacts.MaxGUIDSize.ShouldBe(8);
        var vcard = contacts.FindCTCap("text/x-vcard", "2.1")!;
        var tel = vcard.FindProperty("TEL")!;
        tel.DataType.ShouldBe(string.Empty); // <DataType /> is present but empty, not absent
        tel.MaxSize.ShouldBe(256);
        tel.FindParam("TYPE")!.ValEnum.ShouldContain("PAGER");

        var note = info.FindDataStore("./Notepad")!.FindCTCap("text/plain")!.FindProperty("Note")!;
        note.MaxOccur.ShouldBe(5);
        note.MaxSize.ShouldBe(0);
        note.NoTruncate.ShouldBeTrue();
        note.DisplayName.ShouldBe("Note");
        info.FindDataStore("./Calendar")!.FindCTCap("text/x-vcalendar")!.FindProperty("AALARM")!.FindParam("TYPE")!.DisplayName.ShouldBe("Alarm type");
    }

    [Fact]
    public void Devinf12_written_as_11_lifts_ctcaps_into_one_flat_devinf_level_ctcap()
    {
        var info = Load("devinf02.txt");
        var xml = DevInfXml.Write(info, DevInfVersion.V11);

        xml.Element(DevInfXml.Namespace + "VerDTD")!.Value.ShouldBe("1.1");
        xml.Elements(DevInfXml.Namespace + "CTCap").Count().ShouldBe(1);
        xml.Elements(DevInfXml.Namespace + "DataStore").Elements(DevInfXml.Namespace + "CTCap").ShouldBeEmpty();
        xml.Descendants(DevInfXml.Namespace + "Property").ShouldBeEmpty();
        xml.Descendants(DevInfXml.Namespace + "SupportHierarchicalSync").ShouldBeEmpty(); // 1.2 only

        var back = DevInfXml.Read(xml);
        back.CTCaps.Select(c => c.CTType).ShouldBe(["text/x-vcard", "text/x-vcalendar", "text/plain"]);
        var tel = back.CTCaps[0].FindProperty("TEL")!;
        tel.MaxSize.ShouldBe(256); // MaxSize is written as the 1.1 Size
        tel.PropParams.Single().ValEnum.ShouldBe(info.DataStores[0].CTCaps[0].FindProperty("TEL")!.PropParams.Single().ValEnum);
        back.CTCaps[2].FindProperty("Note")!.MaxOccur.ShouldBeNull(); // no MaxOccur in DevInf 1.1
    }

    [Fact]
    public void Devinf12_is_valid_in_strict_mode()
    {
        var info = DevInfXml.Read(DevInfCorpus.LoadDocument(TestDataPaths.Path("buteo", "devinf02.txt")).Root!, strict: true);
        info.DataStores.Count.ShouldBe(3);
    }
}
