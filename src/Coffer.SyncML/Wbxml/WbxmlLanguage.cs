using System.Xml.Linq;

namespace Coffer.SyncML.Wbxml;

/// <summary>
/// A SyncML-family WBXML language: public identifier, DOCTYPE and code pages. The token values are those of
/// the WBXML token tables of SyncML Representation 1.1 / OMA-TS-SyncML_RepPro-V1_2 (SyncML, page 0),
/// OMA-TS-SyncML_MetaInfo-V1_2 (MetInf, page 1) and SyncML DevInf 1.1 / OMA-TS-DS_DevInf-V1_2 (DevInf, page 0).
/// </summary>
internal sealed class WbxmlLanguage
{
    private static readonly WbxmlCodePage SyncMLPage0For10 = SyncMLPage(WbxmlNamespaces.SyncML10);
    private static readonly WbxmlCodePage SyncMLPage0For11 = SyncMLPage(WbxmlNamespaces.SyncML11);
    private static readonly WbxmlCodePage SyncMLPage0For12 = SyncMLPage(WbxmlNamespaces.SyncML12);
    private static readonly WbxmlCodePage MetInfPage = MetInfPage1();
    private static readonly WbxmlCodePage DevInfPage = DevInfPage0();
    private static readonly WbxmlCodePage DmDdfPage = DmDdfPage2();

    public static readonly WbxmlLanguage SyncML10 = new(WbxmlDocumentKind.SyncML, 0, WbxmlPublicIds.SyncML10, WbxmlPublicIds.SyncML10Text, "SyncML", "http://www.syncml.org/docs/syncml_represent_v10_20001207.dtd", SyncMLPage0For10, MetInfPage);
    public static readonly WbxmlLanguage SyncML11 = new(WbxmlDocumentKind.SyncML, 1, WbxmlPublicIds.SyncML11, WbxmlPublicIds.SyncML11Text, "SyncML", "http://www.syncml.org/docs/syncml_represent_v11_20020213.dtd", SyncMLPage0For11, MetInfPage);
    public static readonly WbxmlLanguage SyncML12 = new(WbxmlDocumentKind.SyncML, 2, WbxmlPublicIds.SyncML12, WbxmlPublicIds.SyncML12Text, "SyncML", "http://www.openmobilealliance.org/tech/DTD/OMA-TS-SyncML_RepPro_DTD-V1_2.dtd", SyncMLPage0For12, MetInfPage);
    public static readonly WbxmlLanguage DevInf10 = new(WbxmlDocumentKind.DevInf, 0, WbxmlPublicIds.DevInf10, WbxmlPublicIds.DevInf10Text, "DevInf", "http://www.syncml.org/docs/syncml_devinf_v10_20001207.dtd", DevInfPage);
    public static readonly WbxmlLanguage DevInf11 = new(WbxmlDocumentKind.DevInf, 1, WbxmlPublicIds.DevInf11, WbxmlPublicIds.DevInf11Text, "DevInf", "http://www.syncml.org/docs/devinf_v11_20020215.dtd", DevInfPage);
    public static readonly WbxmlLanguage DevInf12 = new(WbxmlDocumentKind.DevInf, 2, WbxmlPublicIds.DevInf12, WbxmlPublicIds.DevInf12Text, "DevInf", "http://www.openmobilealliance.org/tech/DTD/OMA-SyncML-Device_Information-DTD-1.2.dtd", DevInfPage);
    public static readonly WbxmlLanguage MetInf12 = new(WbxmlDocumentKind.MetInf, 2, WbxmlPublicIds.MetInf12, WbxmlPublicIds.MetInf12Text, "MetInf", "http://www.openmobilealliance.org/tech/DTD/OMA-TS-SyncML_MetaInfo_DTD-V1_2.dtd", MetInfPage);

    public static readonly WbxmlLanguage DmDdf12 = new(WbxmlDocumentKind.DmDdf, 2, WbxmlPublicIds.Unknown, WbxmlPublicIds.DmDdf12Text, "MgmtTree", "http://www.openmobilealliance.org/tech/DTD/dm_ddf-v1_2.dtd", DmDdfPage);

    private static readonly WbxmlLanguage[] All = [SyncML10, SyncML11, SyncML12, DevInf10, DevInf11, DevInf12, MetInf12, DmDdf12];

    private WbxmlLanguage(WbxmlDocumentKind kind, int minor, uint publicId, string publicIdText, string rootName, string systemId, params WbxmlCodePage[] pages)
    {
        Kind = kind;
        Minor = minor;
        PublicId = publicId;
        PublicIdText = publicIdText;
        RootName = rootName;
        SystemId = systemId;
        Pages = pages;
    }

    public WbxmlDocumentKind Kind { get; }

    /// <summary>Minor protocol version: 0, 1 or 2 for 1.0, 1.1, 1.2.</summary>
    public int Minor { get; }

    public uint PublicId { get; }

    public string PublicIdText { get; }

    public string RootName { get; }

    public string SystemId { get; }

    public IReadOnlyList<WbxmlCodePage> Pages { get; }

    /// <summary>Whether the language has a numeric public id; one without (DM DDF) is always written with its string.</summary>
    public bool HasNumericPublicId => PublicId != WbxmlPublicIds.Unknown;

    public WbxmlCodePage? Page(byte page) => Pages.FirstOrDefault(p => p.Page == page);

    public static WbxmlLanguage? FromPublicId(uint id) => All.FirstOrDefault(l => l.HasNumericPublicId && l.PublicId == id);

    public static WbxmlLanguage? FromPublicId(string text) => All.FirstOrDefault(l => l.PublicIdText == text.Trim());

    public static WbxmlLanguage For(WbxmlDocumentKind kind, int minor) =>
        All.FirstOrDefault(l => l.Kind == kind && l.Minor == minor) ?? All.Last(l => l.Kind == kind);

    /// <summary>The SyncML language whose page-0 namespace is <paramref name="ns"/>, if any.</summary>
    public static WbxmlLanguage? FromSyncMLNamespace(XNamespace ns) =>
        ns == WbxmlNamespaces.SyncML10 ? SyncML10 : ns == WbxmlNamespaces.SyncML11 ? SyncML11 : ns == WbxmlNamespaces.SyncML12 ? SyncML12 : null;

    // SyncML Representation 1.1 and OMA-TS-SyncML_RepPro-V1_2, WBXML code page 0 tag tokens.
    private static WbxmlCodePage SyncMLPage(XNamespace ns)
    {
        var p = new WbxmlCodePage(0, ns);
        string[] v10 =
        [
            "Add", "Alert", "Archive", "Atomic", "Chal", "Cmd", "CmdID", "CmdRef", "Copy", "Cred", "Data", "Delete", "Exec", "Final",
            "Get", "Item", "Lang", "LocName", "LocURI", "Map", "MapItem", "Meta", "MsgID", "MsgRef", "NoResp", "NoResults", "Put",
            "Replace", "RespURI", "Results", "Search", "Sequence", "SessionID", "SftDel", "Source", "SourceRef", "Status", "Sync",
            "SyncBody", "SyncHdr", "SyncML", "Target", "TargetRef",
        ];
        for (var i = 0; i < v10.Length; i++)
        {
            p.Add((byte)(0x05 + i), v10[i]);
        }

        // 0x30 is reserved for future use in every version.
        p.Add(0x31, "VerDTD").Add(0x32, "VerProto");

        // Added in SyncML 1.1.
        p.Add(0x33, "NumberOfChanges", since: 1).Add(0x34, "MoreData", since: 1);

        // Added in SyncML 1.2 (OMA-TS-SyncML_RepPro-V1_2 code page 0). Nokia phones send SourceParent in 1.1 too,
        // which the Loose decoder accepts because it reads tokens of any version.
        p.Add(0x35, "Field", since: 2).Add(0x36, "Filter", since: 2).Add(0x37, "Record", since: 2).Add(0x38, "FilterType", since: 2)
            .Add(0x39, "SourceParent", since: 2).Add(0x3A, "TargetParent", since: 2).Add(0x3B, "Move", since: 2).Add(0x3C, "Correlator", since: 2);
        return p;
    }

    // OMA-TS-SyncML_MetaInfo-V1_2 and SyncML Meta-Information 1.1: MetInf tokens live on code page 1.
    private static WbxmlCodePage MetInfPage1()
    {
        var p = new WbxmlCodePage(1, WbxmlNamespaces.MetInf);
        string[] names = ["Anchor", "EMI", "Format", "FreeID", "FreeMem", "Last", "Mark", "MaxMsgSize", "Mem", "MetInf", "Next", "NextNonce", "SharedMem", "Size", "Type", "Version"];
        for (var i = 0; i < names.Length; i++)
        {
            p.Add((byte)(0x05 + i), names[i]);
        }

        p.Add(0x15, "MaxObjSize", since: 1);
        p.Add(0x16, "FieldLevel", since: 2);
        return p;
    }

    // OMA-TS-DM_TND-V1_2 (DDF and TNDS, root MgmtTree): code page 2, tokens as libwbxml's "SyncML DM DDF 1.2" table
    // (sv_syncml_dmddf12_tag_table) assigns them. Names are case-sensitive: "Node" (0x24) is the element, "node" (0x25)
    // the format.
    private static WbxmlCodePage DmDdfPage2()
    {
        var p = new WbxmlCodePage(2, WbxmlNamespaces.DmDdf12);
        string[] names =
        [
            "AccessType", "ACL", "Add", "b64", "bin", "bool", "chr", "CaseSense", "CIS", "Copy", "CS", "date", "DDFName", "DefaultValue",
            "Delete", "Description", "DFFormat", "DFProperties", "DFTitle", "DFType", "Dynamic", "Exec", "float", "Format", "Get", "int",
            "Man", "MgmtTree", "MIME", "Mod", "Name", "Node", "node", "NodeName", "null", "Occurrence", "One", "OneOrMore", "OneOrN", "Path",
            "Permanent", "Replace", "RTProperties", "Scope", "Size", "time", "Title", "TStamp", "Type", "Value", "VerDTD", "VerNo", "xml",
            "ZeroOrMore", "ZeroOrN", "ZeroOrOne",
        ];
        for (var i = 0; i < names.Length; i++)
        {
            p.Add((byte)(0x05 + i), names[i]);
        }

        return p;
    }

    // SyncML Device Information 1.1 and OMA-TS-DS_DevInf-V1_2: DevInf code page 0.
    private static WbxmlCodePage DevInfPage0()
    {
        var p = new WbxmlCodePage(0, WbxmlNamespaces.DevInf);
        string[] names =
        [
            "CTCap", "CTType", "DataStore", "DataType", "DevID", "DevInf", "DevTyp", "DisplayName", "DSMem", "Ext", "FwV", "HwV", "Man",
            "MaxGUIDSize", "MaxID", "MaxMem", "Mod", "OEM", "ParamName", "PropName", "Rx", "Rx-Pref", "SharedMem",
        ];
        for (var i = 0; i < names.Length; i++)
        {
            p.Add((byte)(0x05 + i), names[i]);
        }

        // 0x1C is Size up to DevInf 1.1 and MaxSize in 1.2 (OMA-TS-DS_DevInf-V1_2).
        p.Add(0x1C, "Size", until: 1).Add(0x1C, "MaxSize", since: 2);
        string[] rest = ["SourceRef", "SwV", "SyncCap", "SyncType", "Tx", "Tx-Pref", "ValEnum", "VerCT", "VerDTD", "XNam", "XVal"];
        for (var i = 0; i < rest.Length; i++)
        {
            p.Add((byte)(0x1D + i), rest[i]);
        }

        p.Add(0x28, "UTC", since: 1).Add(0x29, "SupportNumberOfChanges", since: 1).Add(0x2A, "SupportLargeObjs", since: 1);

        // DevInf 1.2 additions; 0x2F is unassigned.
        p.Add(0x2B, "Property", since: 2).Add(0x2C, "PropParam", since: 2).Add(0x2D, "MaxOccur", since: 2).Add(0x2E, "NoTruncate", since: 2)
            .Add(0x30, "Filter-Rx", since: 2).Add(0x31, "FilterCap", since: 2).Add(0x32, "FilterKeyword", since: 2)
            .Add(0x33, "FieldLevel", since: 2).Add(0x34, "SupportHierarchicalSync", since: 2);
        return p;
    }
}
