using System.Globalization;
using System.Xml.Linq;

namespace Coffer.SyncML.DevInf;

/// <summary>XElement → <see cref="DeviceInfo"/>; element names per OMA-TS-DS_DevInf-V1_2 §5 and the DevInf 1.1 DTD.</summary>
internal sealed class DevInfReader(bool strict)
{
    public DeviceInfo ReadDevInf(XElement root)
    {
        if (root.Name.LocalName != "DevInf")
        {
            throw Error(root, $"expected DevInf, found {root.Name.LocalName}");
        }

        var info = new DeviceInfo();
        List<string>? strayCap = null;
        foreach (var el in root.Elements())
        {
            switch (el.Name.LocalName)
            {
                case "VerDTD": info.VerDTD = Single(info.VerDTD, el); break;
                case "Man": info.Man = Single(info.Man, el); break;
                case "Mod": info.Mod = Single(info.Mod, el); break;
                case "OEM": info.OEM = Single(info.OEM, el); break;
                case "FwV": info.FwV = Single(info.FwV, el); break;
                case "SwV": info.SwV = Single(info.SwV, el); break;
                case "HwV": info.HwV = Single(info.HwV, el); break;
                case "DevID": info.DevID = Single(NullIfEmpty(info.DevID), el)!; break;
                case "DevTyp": info.DevTyp = Single(NullIfEmpty(info.DevTyp), el)!; break;
                case "UTC": info.UTC = true; break;
                case "SupportLargeObjs": info.SupportLargeObjs = true; break;
                case "SupportNumberOfChanges": info.SupportNumberOfChanges = true; break;
                case "DataStore": info.DataStores.Add(ReadDataStore(el)); break;
                case "CTCap": info.CTCaps.AddRange(ReadCTCap(el)); break;
                case "Ext": info.Exts.Add(ReadExt(el)); break;
                case "SyncCap":
                    // Not allowed at DevInf level by any DevInf DTD, but the SyncML 1.1 sample messages
                    // (libwbxml syncml-003/004) put it there; loose mode applies it to the datastores.
                    if (strict)
                    {
                        throw Error(el, "SyncCap belongs inside DataStore (OMA-TS-DS_DevInf-V1_2 §5, DataStore)");
                    }

                    strayCap ??= ReadSyncCap(el);
                    break;
                default: Unknown(el); break;
            }
        }

        if (strayCap != null)
        {
            foreach (var ds in info.DataStores.Where(d => d.SyncCap == null))
            {
                ds.SyncCap = [.. strayCap];
            }
        }

        if (strict)
        {
            // DevInf (VerDTD, ..., DevID, DevTyp, ..., DataStore+, ...): OMA-TS-DS_DevInf-V1_2 §5, DevInf.
            Require(root, info.VerDTD != null, "VerDTD");
            Require(root, info.DevID.Length > 0, "DevID");
            Require(root, info.DevTyp.Length > 0, "DevTyp");
            Require(root, info.DataStores.Count > 0, "DataStore");
            if (info.Version == null)
            {
                throw Error(root, $"unknown DevInf VerDTD '{info.VerDTD}'");
            }
        }

        return info;
    }

    private DataStore ReadDataStore(XElement ds)
    {
        var store = new DataStore();
        var hasSourceRef = false;
        foreach (var el in ds.Elements())
        {
            switch (el.Name.LocalName)
            {
                case "SourceRef": store.SourceRef = Single(hasSourceRef ? store.SourceRef : null, el)!; hasSourceRef = true; break;
                case "DisplayName": store.DisplayName = Single(store.DisplayName, el); break;
                case "MaxGUIDSize": store.MaxGUIDSize = Number(el); break;
                case "Rx-Pref": store.RxPref = SingleRef(store.RxPref, el); break;
                case "Rx": store.Rx.Add(ReadTypeRef(el)); break;
                case "Tx-Pref": store.TxPref = SingleRef(store.TxPref, el); break;
                case "Tx": store.Tx.Add(ReadTypeRef(el)); break;
                case "CTCap": store.CTCaps.AddRange(ReadCTCap(el)); break;
                case "DSMem": store.DSMem = ReadDSMem(el); break;
                case "SupportHierarchicalSync": store.SupportHierarchicalSync = true; break;
                case "SyncCap":
                    var cap = ReadSyncCap(el);
                    store.SyncCap = store.SyncCap == null ? cap : [.. store.SyncCap, .. cap];
                    break;
                case "Filter-Rx": store.FilterRx.Add(ReadTypeRef(el)); break;
                case "FilterCap": store.FilterCaps.Add(ReadFilterCap(el)); break;
                default: Unknown(el); break;
            }
        }

        if (strict)
        {
            // DataStore (SourceRef, ..., Rx-Pref, ..., Tx-Pref, ..., SyncCap, ...): OMA-TS-DS_DevInf-V1_2 §5, DataStore.
            Require(ds, hasSourceRef, "SourceRef");
            Require(ds, store.RxPref != null, "Rx-Pref");
            Require(ds, store.TxPref != null, "Tx-Pref");
            Require(ds, store.SyncCap != null, "SyncCap");
        }

        return store;
    }

    private ContentTypeRef? SingleRef(ContentTypeRef? existing, XElement el)
    {
        if (existing != null)
        {
            if (strict)
            {
                throw Error(el, $"{el.Name.LocalName} given twice");
            }

            return existing;
        }

        return ReadTypeRef(el);
    }

    private ContentTypeRef ReadTypeRef(XElement el)
    {
        var r = new ContentTypeRef();
        var hasType = false;
        foreach (var c in el.Elements())
        {
            switch (c.Name.LocalName)
            {
                case "CTType": r.CTType = Text(c); hasType = true; break;
                case "VerCT": r.VerCT = Text(c); break;
                default: Unknown(c); break;
            }
        }

        if (strict)
        {
            Require(el, hasType, "CTType");
            Require(el, r.VerCT != null, "VerCT");
        }

        return r;
    }

    private DataStoreMemory ReadDSMem(XElement el)
    {
        var m = new DataStoreMemory();
        foreach (var c in el.Elements())
        {
            switch (c.Name.LocalName)
            {
                case "SharedMem": m.SharedMem = true; break;
                case "MaxMem": m.MaxMem = Number(c); break;
                case "MaxID": m.MaxID = Number(c); break;
                default: Unknown(c); break;
            }
        }

        return m;
    }

    private List<string> ReadSyncCap(XElement el)
    {
        var list = new List<string>();
        foreach (var c in el.Elements())
        {
            if (c.Name.LocalName == "SyncType")
            {
                list.Add(Text(c));
            }
            else
            {
                Unknown(c);
            }
        }

        return list;
    }

    private FilterCap ReadFilterCap(XElement el)
    {
        var f = new FilterCap();
        foreach (var c in el.Elements())
        {
            switch (c.Name.LocalName)
            {
                case "CTType": f.CTType = Text(c); break;
                case "VerCT": f.VerCT = Text(c); break;
                case "FilterKeyword": f.FilterKeywords.Add(Text(c)); break;
                case "PropName": f.PropNames.Add(Text(c)); break;
                default: Unknown(c); break;
            }
        }

        return f;
    }

    private Ext ReadExt(XElement el)
    {
        var x = new Ext();
        foreach (var c in el.Elements())
        {
            switch (c.Name.LocalName)
            {
                case "XNam": x.XNam = Text(c); break;
                case "XVal": x.XVal.Add(Text(c)); break;
                default: Unknown(c); break;
            }
        }

        return x;
    }

    /// <summary>A CTCap element in either form: structured (has Property children) or flat (DevInf 1.0/1.1).</summary>
    private List<CTCap> ReadCTCap(XElement el) =>
        el.Elements().Any(c => c.Name.LocalName == "Property") ? [ReadStructuredCTCap(el)] : ReadFlatCTCap(el);

    /// <summary>CTCap (CTType, VerCT, FieldLevel?, Property+): OMA-TS-DS_DevInf-V1_2 §5, CTCap.</summary>
    private CTCap ReadStructuredCTCap(XElement el)
    {
        var cap = new CTCap();
        foreach (var c in el.Elements())
        {
            switch (c.Name.LocalName)
            {
                case "CTType": cap.CTType = Text(c); break;
                case "VerCT": cap.VerCT = Text(c); break;
                case "FieldLevel": cap.FieldLevel = true; break;
                case "Property": cap.Properties.Add(ReadProperty(c)); break;
                default: Unknown(c); break;
            }
        }

        return cap;
    }

    private Property ReadProperty(XElement el)
    {
        var p = new Property();
        foreach (var c in el.Elements())
        {
            switch (c.Name.LocalName)
            {
                case "PropName": p.PropName = Text(c); break;
                case "DataType": p.DataType = Text(c); break;
                case "MaxOccur": p.MaxOccur = Number(c); break;
                case "MaxSize": p.MaxSize = Number(c); break;
                case "Size" when !strict: p.MaxSize = Number(c); break;
                case "NoTruncate": p.NoTruncate = true; break;
                case "ValEnum": p.ValEnum.Add(Text(c)); break;
                case "DisplayName": p.DisplayName = Text(c); break;
                case "PropParam": p.PropParams.Add(ReadPropParam(c)); break;
                default: Unknown(c); break;
            }
        }

        return p;
    }

    private PropParam ReadPropParam(XElement el)
    {
        var pp = new PropParam();
        foreach (var c in el.Elements())
        {
            switch (c.Name.LocalName)
            {
                case "ParamName": pp.ParamName = Text(c); break;
                case "DataType": pp.DataType = Text(c); break;
                case "ValEnum": pp.ValEnum.Add(Text(c)); break;
                case "DisplayName": pp.DisplayName = Text(c); break;
                default: Unknown(c); break;
            }
        }

        return pp;
    }

    /// <summary>
    /// The DevInf 1.1 DTD form: CTCap (CTType, (PropName, (ValEnum+ | (DataType, Size?))?, DisplayName?,
    /// (ParamName, (ValEnum+ | (DataType, Size?))?, DisplayName?)*)+)+. Each element qualifies the most
    /// recent CTType / PropName / ParamName, so the sequence is grouped into one CTCap per CTType.
    /// </summary>
    private List<CTCap> ReadFlatCTCap(XElement el)
    {
        var caps = new List<CTCap>();
        CTCap? cap = null;
        Property? prop = null;
        PropParam? param = null;
        foreach (var c in el.Elements())
        {
            var name = c.Name.LocalName;
            if (name == "CTType")
            {
                cap = new CTCap { CTType = Text(c) };
                caps.Add(cap);
                prop = null;
                param = null;
                continue;
            }

            if (cap == null)
            {
                if (strict)
                {
                    throw Error(c, $"{name} before the first CTType in CTCap");
                }

                cap = new CTCap();
                caps.Add(cap);
            }

            switch (name)
            {
                case "VerCT": cap.VerCT = Text(c); continue;
                case "FieldLevel": cap.FieldLevel = true; continue;
                case "PropName":
                    prop = new Property { PropName = Text(c) };
                    cap.Properties.Add(prop);
                    param = null;
                    continue;
            }

            if (prop == null)
            {
                if (strict)
                {
                    throw Error(c, $"{name} before the first PropName in CTCap");
                }

                prop = new Property();
                cap.Properties.Add(prop);
            }

            switch (name)
            {
                case "ParamName":
                    param = new PropParam { ParamName = Text(c) };
                    prop.PropParams.Add(param);
                    break;
                case "ValEnum": (param?.ValEnum ?? prop.ValEnum).Add(Text(c)); break;
                case "DataType":
                    if (param != null)
                    {
                        param.DataType = Text(c);
                    }
                    else
                    {
                        prop.DataType = Text(c);
                    }

                    break;
                case "Size":
                case "MaxSize":
                    if (param != null)
                    {
                        param.MaxSize = Number(c);
                    }
                    else
                    {
                        prop.MaxSize = Number(c);
                    }

                    break;
                case "DisplayName":
                    if (param != null)
                    {
                        param.DisplayName = Text(c);
                    }
                    else
                    {
                        prop.DisplayName = Text(c);
                    }

                    break;
                case "NoTruncate": prop.NoTruncate = true; break;
                case "MaxOccur": prop.MaxOccur = Number(c); break;
                default: Unknown(c); break;
            }
        }

        if (strict && caps.Count == 0)
        {
            throw Error(el, "CTCap has no CTType");
        }

        return caps;
    }

    private static string Text(XElement el) => el.Value.Trim();

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private string? Single(string? existing, XElement el)
    {
        if (existing != null)
        {
            if (strict)
            {
                throw Error(el, $"{el.Name.LocalName} given twice");
            }

            return existing;
        }

        return Text(el);
    }

    private long? Number(XElement el)
    {
        var t = Text(el);
        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        if (strict)
        {
            throw Error(el, $"{el.Name.LocalName} is not a number: '{t}'");
        }

        return null;
    }

    private void Unknown(XElement el)
    {
        if (strict)
        {
            throw Error(el, $"unexpected element {el.Name.LocalName} in {el.Parent?.Name.LocalName}");
        }
    }

    private static void Require(XElement parent, bool present, string child)
    {
        if (!present)
        {
            throw Error(parent, $"{parent.Name.LocalName} lacks required {child} (OMA-TS-DS_DevInf-V1_2 §5)");
        }
    }

    private static SyncMLFormatException Error(XElement el, string message)
    {
        var line = ((System.Xml.IXmlLineInfo)el).HasLineInfo() ? ((System.Xml.IXmlLineInfo)el).LineNumber : (long?)null;
        return new SyncMLFormatException("DevInf: " + message) { Position = line };
    }
}
