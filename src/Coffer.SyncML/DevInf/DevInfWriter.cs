using System.Globalization;
using System.Xml.Linq;

namespace Coffer.SyncML.DevInf;

/// <summary><see cref="DeviceInfo"/> → XElement in DTD element order (OMA-TS-DS_DevInf-V1_2 §5; DevInf 1.1 DTD).</summary>
internal static class DevInfWriter
{
    private static readonly XNamespace Ns = DevInfXml.Namespace;

    public static XElement Write(DeviceInfo info, DevInfVersion version)
    {
        var flat = version != DevInfVersion.V12;
        var root = new XElement(Ns + "DevInf");
        root.Add(new XElement(Ns + "VerDTD", version switch
        {
            DevInfVersion.V10 => "1.0",
            DevInfVersion.V11 => "1.1",
            _ => "1.2",
        }));
        AddText(root, "Man", info.Man);
        AddText(root, "Mod", info.Mod);
        AddText(root, "OEM", info.OEM);
        AddText(root, "FwV", info.FwV);
        AddText(root, "SwV", info.SwV);
        AddText(root, "HwV", info.HwV);
        root.Add(new XElement(Ns + "DevID", info.DevID));
        root.Add(new XElement(Ns + "DevTyp", info.DevTyp));
        AddFlag(root, "UTC", info.UTC);
        AddFlag(root, "SupportLargeObjs", info.SupportLargeObjs);
        AddFlag(root, "SupportNumberOfChanges", info.SupportNumberOfChanges);
        foreach (var ds in info.DataStores)
        {
            root.Add(WriteDataStore(ds, flat));
        }

        if (flat)
        {
            // DevInf 1.0/1.1 allow one DevInf-level CTCap only (DevInf 1.1 DTD: DevInf (..., DataStore+, CTCap?, Ext*));
            // CTCaps a 1.2 model keeps per datastore are lifted into it, first description of a CTType wins.
            var all = new List<CTCap>(info.CTCaps);
            foreach (var cap in info.DataStores.SelectMany(d => d.CTCaps))
            {
                if (!all.Any(c => string.Equals(c.CTType, cap.CTType, StringComparison.OrdinalIgnoreCase)))
                {
                    all.Add(cap);
                }
            }

            if (all.Count > 0)
            {
                root.Add(WriteFlatCTCap(all));
            }
        }
        else
        {
            foreach (var cap in info.CTCaps)
            {
                root.Add(WriteStructuredCTCap(cap));
            }
        }

        foreach (var ext in info.Exts)
        {
            root.Add(new XElement(
                Ns + "Ext",
                new XElement(Ns + "XNam", ext.XNam),
                ext.XVal.Select(v => new XElement(Ns + "XVal", v))));
        }

        return root;
    }

    private static XElement WriteDataStore(DataStore ds, bool flat)
    {
        var el = new XElement(Ns + "DataStore", new XElement(Ns + "SourceRef", ds.SourceRef));
        AddText(el, "DisplayName", ds.DisplayName);
        AddNumber(el, "MaxGUIDSize", ds.MaxGUIDSize);
        AddTypeRef(el, "Rx-Pref", ds.RxPref);
        foreach (var r in ds.Rx)
        {
            AddTypeRef(el, "Rx", r);
        }

        AddTypeRef(el, "Tx-Pref", ds.TxPref);
        foreach (var t in ds.Tx)
        {
            AddTypeRef(el, "Tx", t);
        }

        if (!flat)
        {
            foreach (var cap in ds.CTCaps)
            {
                el.Add(WriteStructuredCTCap(cap));
            }
        }

        if (ds.DSMem != null)
        {
            var mem = new XElement(Ns + "DSMem");
            AddFlag(mem, "SharedMem", ds.DSMem.SharedMem);
            AddNumber(mem, "MaxMem", ds.DSMem.MaxMem);
            AddNumber(mem, "MaxID", ds.DSMem.MaxID);
            el.Add(mem);
        }

        // SupportHierarchicalSync, Filter-Rx and FilterCap exist only in DevInf 1.2 (OMA-TS-DS_DevInf-V1_2 §5, DataStore).
        AddFlag(el, "SupportHierarchicalSync", ds.SupportHierarchicalSync && !flat);
        if (ds.SyncCap != null)
        {
            el.Add(new XElement(Ns + "SyncCap", ds.SyncCap.Select(s => new XElement(Ns + "SyncType", s))));
        }

        if (!flat)
        {
            foreach (var f in ds.FilterRx)
            {
                AddTypeRef(el, "Filter-Rx", f);
            }

            foreach (var f in ds.FilterCaps)
            {
                var fc = new XElement(Ns + "FilterCap", new XElement(Ns + "CTType", f.CTType));
                AddText(fc, "VerCT", f.VerCT);
                fc.Add(f.FilterKeywords.Select(k => new XElement(Ns + "FilterKeyword", k)));
                fc.Add(f.PropNames.Select(p => new XElement(Ns + "PropName", p)));
                el.Add(fc);
            }
        }

        return el;
    }

    /// <summary>CTCap (CTType, VerCT, FieldLevel?, Property+): OMA-TS-DS_DevInf-V1_2 §5.</summary>
    private static XElement WriteStructuredCTCap(CTCap cap)
    {
        var el = new XElement(Ns + "CTCap", new XElement(Ns + "CTType", cap.CTType));
        AddText(el, "VerCT", cap.VerCT);
        AddFlag(el, "FieldLevel", cap.FieldLevel);
        foreach (var p in cap.Properties)
        {
            var pe = new XElement(Ns + "Property", new XElement(Ns + "PropName", p.PropName));
            AddText(pe, "DataType", p.DataType);
            AddNumber(pe, "MaxOccur", p.MaxOccur);
            AddNumber(pe, "MaxSize", p.MaxSize);
            AddFlag(pe, "NoTruncate", p.NoTruncate);
            pe.Add(p.ValEnum.Select(v => new XElement(Ns + "ValEnum", v)));
            AddText(pe, "DisplayName", p.DisplayName);
            foreach (var pp in p.PropParams)
            {
                var ppe = new XElement(Ns + "PropParam", new XElement(Ns + "ParamName", pp.ParamName));
                AddText(ppe, "DataType", pp.DataType);
                ppe.Add(pp.ValEnum.Select(v => new XElement(Ns + "ValEnum", v)));
                AddText(ppe, "DisplayName", pp.DisplayName);
                pe.Add(ppe);
            }

            el.Add(pe);
        }

        return el;
    }

    /// <summary>
    /// The flat DevInf 1.1 DTD sequence: CTType, (PropName, ValEnum* | (DataType, Size?), DisplayName?,
    /// (ParamName, ...)*)+ per content type. MaxOccur, VerCT and FieldLevel have no 1.1 form and are dropped.
    /// </summary>
    private static XElement WriteFlatCTCap(IEnumerable<CTCap> caps)
    {
        var el = new XElement(Ns + "CTCap");
        foreach (var cap in caps)
        {
            el.Add(new XElement(Ns + "CTType", cap.CTType));
            foreach (var p in cap.Properties)
            {
                el.Add(new XElement(Ns + "PropName", p.PropName));
                el.Add(p.ValEnum.Select(v => new XElement(Ns + "ValEnum", v)));
                AddText(el, "DataType", p.DataType);
                AddNumber(el, "Size", p.MaxSize);
                AddFlag(el, "NoTruncate", p.NoTruncate);
                AddText(el, "DisplayName", p.DisplayName);
                foreach (var pp in p.PropParams)
                {
                    el.Add(new XElement(Ns + "ParamName", pp.ParamName));
                    el.Add(pp.ValEnum.Select(v => new XElement(Ns + "ValEnum", v)));
                    AddText(el, "DataType", pp.DataType);
                    AddNumber(el, "Size", pp.MaxSize);
                    AddText(el, "DisplayName", pp.DisplayName);
                }
            }
        }

        return el;
    }

    private static void AddTypeRef(XElement parent, string name, ContentTypeRef? r)
    {
        if (r == null)
        {
            return;
        }

        var el = new XElement(Ns + name, new XElement(Ns + "CTType", r.CTType));
        AddText(el, "VerCT", r.VerCT);
        parent.Add(el);
    }

    private static void AddText(XElement parent, string name, string? value)
    {
        if (value != null)
        {
            parent.Add(new XElement(Ns + name, value));
        }
    }

    private static void AddNumber(XElement parent, string name, long? value)
    {
        if (value != null)
        {
            parent.Add(new XElement(Ns + name, value.Value.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void AddFlag(XElement parent, string name, bool set)
    {
        if (set)
        {
            parent.Add(new XElement(Ns + name));
        }
    }
}
