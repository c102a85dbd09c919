using Coffer.SyncML.DevInf;
using Coffer.TestData;
using PhpArray = System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object?>>;

namespace Coffer.SyncML.Tests.DevInf;

/// <summary>
/// Horde_SyncMl's own expected parse of the Sony Ericsson P900 DevInf 1.0 (devinf.txt, a PHP var_export of
/// its SyncML_DeviceInfo) against our reading of the same DevInf in the session's first client message.
/// </summary>
public class HordeP900DevInfTests
{
    private const string Folder = "horde-sessions/testcase_P900_tasksandcalendar";

    private static readonly PhpArray Expected =
        (PhpArray)PhpExport.Parse(File.ReadAllText(TestDataPaths.Path(Folder, "devinf.txt")))!;

    private static DeviceInfo ReadP900()
    {
        var doc = DevInfCorpus.LoadDocument(TestDataPaths.Path(Folder, "syncml_client_10.xml"));
        return DevInfXml.Read(doc.Descendants().Single(e => e.Name.LocalName == "DevInf"));
    }

    private static object? Field(PhpArray a, string key) => a.Single(kv => kv.Key == key).Value;

    [Fact]
    public void Device_fields_match_hordes_parse()
    {
        var info = ReadP900();
        info.VerDTD.ShouldBe((string?)Field(Expected, "_VerDTD"));
        info.Man.ShouldBe((string?)Field(Expected, "_Man"));
        info.Mod.ShouldBe((string?)Field(Expected, "_Mod"));
        info.OEM.ShouldBe((string?)Field(Expected, "_OEM"));
        info.FwV.ShouldBe((string?)Field(Expected, "_FwV"));
        info.SwV.ShouldBe((string?)Field(Expected, "_SwV"));
        info.HwV.ShouldBe((string?)Field(Expected, "_HwV"));
        info.DevID.ShouldBe((string?)Field(Expected, "_DevID"));
        info.DevTyp.ShouldBe((string?)Field(Expected, "_DevTyp"));
        info.UTC.ShouldBe(Field(Expected, "_UTC") != null);
        info.SupportLargeObjs.ShouldBe(Field(Expected, "_supportLargeObjs") != null);
        info.SupportNumberOfChanges.ShouldBe(Field(Expected, "_supportNumberOfChanges") != null);
        info.Exts.Count.ShouldBe(Field(Expected, "_Ext") == null ? 0 : ((PhpArray)Field(Expected, "_Ext")!).Count);
    }

    [Fact]
    public void Datastore_matches_hordes_parse()
    {
        var info = ReadP900();
        var stores = (PhpArray)Field(Expected, "_DataStore")!;
        info.DataStores.Count.ShouldBe(stores.Count);
        for (var i = 0; i < stores.Count; i++)
        {
            var exp = (PhpArray)stores[i].Value!;
            var ds = info.DataStores[i];
            ds.SourceRef.ShouldBe((string?)Field(exp, "_SourceRef"));
            ds.DisplayName.ShouldBe((string?)Field(exp, "_DisplayName"));
            ds.MaxGUIDSize?.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe((string?)Field(exp, "_MaxGUIDSize"));
            TypeMap(ds.RxPref == null ? [] : [ds.RxPref]).ShouldBe(TypeMap(Field(exp, "_Rx_Pref")));
            TypeMap(ds.Rx).ShouldBe(TypeMap(Field(exp, "_Rx")));
            TypeMap(ds.TxPref == null ? [] : [ds.TxPref]).ShouldBe(TypeMap(Field(exp, "_Tx_Pref")));
            TypeMap(ds.Tx).ShouldBe(TypeMap(Field(exp, "_Tx")));

            // The P900 sends an empty <DSMem>; Horde keeps nothing for it, we keep an empty DSMem.
            if (Field(exp, "_DSMem") == null && ds.DSMem != null)
            {
                ds.DSMem.ShouldSatisfyAllConditions(m => m.MaxMem.ShouldBeNull(), m => m.MaxID.ShouldBeNull(), m => m.SharedMem.ShouldBeFalse());
            }

            ds.SyncCap.ShouldNotBeNull().ShouldBe(((PhpArray)Field(exp, "_SyncCap")!).Select(kv => kv.Key));
        }
    }

    [Fact]
    public void Flat_ctcap_groups_properties_and_params_like_horde()
    {
        var info = ReadP900();
        var caps = (PhpArray)Field(Expected, "_CTCap")!;
        info.CTCaps.Select(c => c.CTType).ShouldBe(caps.Select(kv => kv.Key));
        foreach (var (ctType, propsObj) in caps)
        {
            var props = (PhpArray)propsObj!;
            var cap = info.CTCaps.Single(c => c.CTType == ctType);
            cap.Properties.Select(p => p.PropName).ShouldBe(props.Select(kv => kv.Key));
            foreach (var (name, expObj) in props)
            {
                var exp = (PhpArray)expObj!;
                var prop = cap.FindProperty(name).ShouldNotBeNull();
                prop.ValEnum.ShouldBe(Keys(Field(exp, "_ValEnum")));
                prop.DataType.ShouldBe((string?)Field(exp, "_DataType"));
                prop.MaxSize?.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe((string?)Field(exp, "_Size"));
                prop.DisplayName.ShouldBe((string?)Field(exp, "_DisplayName"));
                prop.PropParams.Select(p => p.ParamName).ShouldBe(Keys(Field(exp, "_params")));
            }
        }

        // ATTENDEE carries four parameters in the flat sequence: they must not leak onto BEGIN, which follows.
        info.CTCaps[0].FindProperty("ATTENDEE")!.PropParams.Count.ShouldBe(4);
        info.CTCaps[0].FindProperty("BEGIN")!.PropParams.ShouldBeEmpty();
    }

    private static IEnumerable<string> Keys(object? phpArray) => phpArray == null ? [] : ((PhpArray)phpArray).Select(kv => kv.Key);

    private static List<string> TypeMap(IEnumerable<ContentTypeRef> refs) => refs.Select(r => r.CTType + "=" + r.VerCT).ToList();

    private static List<string> TypeMap(object? phpArray) =>
        phpArray == null ? [] : ((PhpArray)phpArray).Select(kv => kv.Key + "=" + (string?)kv.Value).ToList();
}
