using Coffer.SyncML.DevInf;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.DevInf;

/// <summary>The DevInf 1.2 SyncEvolution 2.0 sends (session-xml/001-request): what the sync server asks of it.</summary>
public class SyncEvolutionDevInfTests
{
    private static DeviceInfo Read() =>
        DevInfXml.Read(DevInfCorpus.LoadDocument(TestDataPaths.Path("syncevolution-captures", "session-xml", "001-request.body.xml"))
            .Descendants().Single(e => e.Name.LocalName == "DevInf"));

    [Fact]
    public void Device_and_datastores_are_read()
    {
        var info = Read();
        info.VerDTD.ShouldBe("1.2");
        info.Mod.ShouldBe("SyncEvolution");
        info.DevID.ShouldBe("sc-pim-sehar-tvx-tvx");
        info.DevTyp.ShouldBe("workstation");
        info.UTC.ShouldBeTrue();
        info.SupportLargeObjs.ShouldBeTrue();
        info.SupportNumberOfChanges.ShouldBeTrue();
        info.DataStores.Select(d => d.SourceRef).ShouldBe(["./calendar", "./contacts", "./contacts21", "./memo", "./todo", "./vcal"]);
        info.CTCaps.ShouldBeEmpty(); // 1.2: CTCaps live in the datastores
    }

    [Fact]
    public void Datastore_lookup_accepts_the_locuri_without_dot_slash()
    {
        var info = Read();
        info.FindDataStore("contacts").ShouldNotBeNull().SourceRef.ShouldBe("./contacts");
        info.FindDataStore("./contacts").ShouldBeSameAs(info.FindDataStore("contacts"));
        info.FindDataStore("addressbook").ShouldBeNull();
    }

    [Fact]
    public void Preferred_receive_type_is_rx_pref()
    {
        var contacts = Read().FindDataStore("./contacts")!;
        contacts.PreferredReceiveType!.CTType.ShouldBe("text/vcard");
        contacts.PreferredReceiveType.VerCT.ShouldBe("3.0");
        contacts.CanReceive("text/x-vcard", "2.1").ShouldBeTrue();
        contacts.CanReceive("text/calendar").ShouldBeFalse();
        contacts.CanTransmit("text/vcard", "3.0").ShouldBeTrue();
    }

    [Fact]
    public void Syncap_keeps_vendor_sync_types()
    {
        var contacts = Read().FindDataStore("./contacts")!;
        contacts.SyncCap.ShouldBe(["1", "2", "3", "4", "5", "6", "7", "390001"]);
        contacts.SupportsSyncType(DevInfSyncType.ServerAlerted).ShouldBeTrue();
        contacts.SupportsSyncType(390001).ShouldBeTrue();
        contacts.SupportsSyncType(8).ShouldBeFalse();
    }

    [Fact]
    public void Ctcap_gives_maxoccur_per_property()
    {
        var info = Read();
        var contacts = info.FindDataStore("./contacts")!;
        var vcard30 = info.FindCTCap(contacts, "text/vcard", "3.0").ShouldNotBeNull();
        vcard30.MaxOccurOf("N").ShouldBe(1);
        vcard30.MaxOccurOf("VERSION").ShouldBe(1);
        vcard30.MaxOccurOf("fn").ShouldBe(1); // property names are case-insensitive
        vcard30.MaxOccurOf("TEL").ShouldBeNull(); // listed, no limit
        vcard30.SupportsProperty("TEL").ShouldBeTrue();
        vcard30.MaxOccurOf("CATEGORIES").ShouldBeNull();
        vcard30.FindProperty("TEL")!.FindParam("type")!.ValEnum.ShouldContain("CELL");
        vcard30.FindProperty("PHOTO")!.PropParams.Select(p => p.ParamName).ShouldBe(["TYPE", "VALUE"]);
    }

    [Fact]
    public void Ctcap_wildcard_x_star_covers_extension_properties()
    {
        var info = Read();
        var contacts = info.FindDataStore("./contacts")!;
        var vcard30 = info.FindCTCap(contacts, "text/vcard", "3.0")!;
        vcard30.SupportsProperty("X-COFFER-SOMETHING").ShouldBeTrue();
        vcard30.SupportsProperty("KIND").ShouldBeFalse();
    }

    [Fact]
    public void Duplicate_valenum_entries_are_kept_in_order()
    {
        // SyncEvolution lists VALARM twice under BEGIN (once per enclosing component).
        var info = Read();
        var cal = info.FindCTCap(info.FindDataStore("calendar")!, "text/calendar")!;
        cal.FindProperty("BEGIN")!.ValEnum.ShouldBe(["VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VTODO", "VALARM", "VEVENT", "VALARM", "VJOURNAL"]);
        cal.FindProperty("ATTENDEE")!.FindParam("PARTSTAT")!.ValEnum.Count.ShouldBe(5);
    }

    [Fact]
    public void Memo_datastore_without_ctcap_has_none()
    {
        var info = Read();
        var memo = info.FindDataStore("memo")!;
        memo.CTCaps.ShouldBeEmpty();
        info.FindCTCap(memo, "text/plain").ShouldBeNull();
    }
}
