using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Coffer.SyncML;

/// <summary>
/// Converts an XML tree into the SyncML model. Element grammar follows the SyncML 1.2 DTD
/// (OMA-TS-SyncML_RepPro_DTD-V1_2) and the MetInf DTD (OMA-TS-SyncML_MetaInfo_DTD-V1_2); 1.0 and 1.1 are
/// subsets of it. Lenient mode matches names regardless of namespace and case; strict mode enforces both.
/// </summary>
internal sealed class SyncMLXmlReader
{
    private static readonly HashSet<string> SyncMLNames = new(StringComparer.Ordinal)
    {
        "SyncML", "SyncHdr", "SyncBody", "VerDTD", "VerProto", "SessionID", "MsgID", "Target", "Source", "LocURI",
        "LocName", "RespURI", "NoResp", "Cred", "Meta", "Data", "Final", "CmdID", "Item", "SourceParent",
        "TargetParent", "MoreData", "Add", "Alert", "Atomic", "Copy", "Delete", "Exec", "Get", "Map", "MapItem",
        "Move", "Put", "Replace", "Results", "Search", "Sequence", "Status", "Sync", "Archive", "SftDel", "Lang",
        "Correlator", "MsgRef", "CmdRef", "Cmd", "TargetRef", "SourceRef", "Chal", "NumberOfChanges", "NoResults",
        "Filter",
    };

    private static readonly HashSet<string> MetInfNames = new(StringComparer.Ordinal)
    {
        "MetInf", "Format", "Type", "Mark", "Size", "Anchor", "Last", "Next", "Version", "NextNonce", "MaxMsgSize",
        "MaxObjSize", "EMI", "Mem", "SharedMem", "FreeMem", "FreeID", "FieldLevel",
    };

    private static readonly Dictionary<string, string> CanonicalNames = BuildCanonicalNames();

    private readonly SyncMLReadOptions options;
    private XNamespace? syncMLNamespace;

    public SyncMLXmlReader(SyncMLReadOptions options)
    {
        this.options = options;
    }

    private bool Strict => options.Strict;

    public SyncMLMessage ReadMessage(XDocument document)
    {
        var root = document.Root ?? throw new SyncMLFormatException("The document has no root element.");
        if (Canonical(root.Name.LocalName) != "SyncML")
        {
            throw Fail(root, $"The root element is <{root.Name.LocalName}>, not <SyncML>: this is not a SyncML message.");
        }

        var nsVersion = SyncMLNamespaces.VersionOf(root.Name.Namespace, ignoreCase: !Strict);
        if (Strict && nsVersion == null)
        {
            throw Fail(root, root.Name.Namespace == XNamespace.None
                ? "The SyncML element has no namespace; strict mode requires SYNCML:SYNCML1.x."
                : $"Unknown SyncML namespace '{root.Name.NamespaceName}'.");
        }

        syncMLNamespace = root.Name.Namespace;

        XElement? hdrElement = null;
        XElement? bodyElement = null;
        foreach (var child in root.Elements())
        {
            switch (SyncMLName(child))
            {
                // OMA-TS-SyncML_RepPro-V1_2: SyncML is (SyncHdr, SyncBody), each exactly once, in both modes.
                case "SyncHdr":
                    hdrElement = hdrElement == null ? child : throw Fail(child, "The message has more than one SyncHdr.");
                    break;
                case "SyncBody":
                    bodyElement = bodyElement == null ? child : throw Fail(child, "The message has more than one SyncBody.");
                    break;
                default:
                    Unknown(child, root);
                    break;
            }
        }

        if (hdrElement == null)
        {
            throw Fail(root, "The message has no SyncHdr.");
        }

        if (bodyElement == null)
        {
            throw Fail(root, "The message has no SyncBody.");
        }

        var header = ReadHeader(hdrElement);
        var version = ResolveVersion(document, root, nsVersion, header);
        return new SyncMLMessage { Version = version, Header = header, Body = ReadBody(bodyElement) };
    }

    public SyncHdr ReadHeader(XElement element)
    {
        ExpectName(element, "SyncHdr");
        var header = new SyncHdr();
        foreach (var c in element.Elements())
        {
            switch (SyncMLName(c))
            {
                case "VerDTD": header.VerDTD = Once(c, header.VerDTD, ReadString(c)); break;
                case "VerProto": header.VerProto = Once(c, header.VerProto, ReadString(c)); break;
                case "SessionID": header.SessionID = Once(c, header.SessionID, ReadString(c)); break;
                case "MsgID": header.MsgID = Once(c, header.MsgID, ReadString(c)); break;
                case "Target": header.Target = Once(c, header.Target, ReadLocation(c)); break;
                case "Source": header.Source = Once(c, header.Source, ReadLocation(c)); break;
                case "RespURI": header.RespURI = Once(c, header.RespURI, ReadString(c)); break;
                case "NoResp": header.NoResp = ReadFlag(c); break;
                case "Cred": header.Cred = Once(c, header.Cred, ReadCred(c)); break;
                case "Meta": header.Meta = Once(c, header.Meta, ReadMetInf(c)); break;
                default: Unknown(c, element); break;
            }
        }

        // OMA-TS-SyncML_RepPro-V1_2: SyncHdr is (VerDTD, VerProto, SessionID, MsgID, Target, Source, ...).
        Required(element, header.VerDTD, "VerDTD");
        Required(element, header.VerProto, "VerProto");
        Required(element, header.SessionID, "SessionID");
        Required(element, header.MsgID, "MsgID");
        Required(element, header.Target, "Target");
        Required(element, header.Source, "Source");
        return header;
    }

    public SyncBody ReadBody(XElement element)
    {
        ExpectName(element, "SyncBody");
        var body = new SyncBody();
        foreach (var c in element.Elements())
        {
            var name = SyncMLName(c);
            if (name == "Final")
            {
                body.Final = ReadFlag(c);
                continue;
            }

            var command = ReadCommand(c, name);
            if (command != null)
            {
                body.Commands.Add(command);
            }
            else
            {
                Unknown(c, element);
            }
        }

        return body;
    }

    /// <summary>One command element, or null when <paramref name="name"/> names no command.</summary>
    public SyncMLCommand? ReadCommand(XElement c, string name) => name switch
    {
        "Add" => ReadItemCommand(c, new AddCommand()),
        "Copy" => ReadItemCommand(c, new CopyCommand()),
        "Replace" => ReadItemCommand(c, new ReplaceCommand()),
        "Move" => ReadItemCommand(c, new MoveCommand()),
        "Delete" => ReadItemCommand(c, new DeleteCommand()),
        "Get" => ReadItemCommand(c, new GetCommand()),
        "Put" => ReadItemCommand(c, new PutCommand()),
        "Exec" => ReadItemCommand(c, new ExecCommand()),
        "Alert" => ReadItemCommand(c, new AlertCommand()),
        "Results" => ReadItemCommand(c, new ResultsCommand()),
        "Atomic" => ReadContainer(c, new AtomicCommand()),
        "Sequence" => ReadContainer(c, new SequenceCommand()),
        "Sync" => ReadContainer(c, new SyncCommand()),
        "Map" => ReadMap(c),
        "Search" => ReadSearch(c),
        "Status" => ReadStatus(c),
        _ => null,
    };

    public SyncMLCommand ReadCommand(XElement element) =>
        ReadCommand(element, SyncMLName(element)) ?? throw Fail(element, $"<{element.Name.LocalName}> is not a SyncML command.");

    private SyncMLVersion ResolveVersion(XDocument document, XElement root, SyncMLVersion? nsVersion, SyncHdr header)
    {
        var dtdVersion = SyncMLNamespaces.VersionOfVerDtd(header.VerDTD);
        if (Strict)
        {
            // OMA-TS-SyncML_RepPro-V1_2: VerDTD names the representation version, which the namespace repeats.
            if (dtdVersion == null)
            {
                throw Fail(root, $"Unsupported VerDTD '{header.VerDTD}'.");
            }

            if (dtdVersion != nsVersion)
            {
                throw Fail(root, $"VerDTD {header.VerDTD} does not match the namespace '{root.Name.NamespaceName}'.");
            }

            return dtdVersion.Value;
        }

        return dtdVersion ?? nsVersion ?? VersionOfDocType(document.DocumentType)
            ?? throw Fail(root, $"Cannot tell the SyncML version: VerDTD '{header.VerDTD}', namespace '{root.Name.NamespaceName}'.");
    }

    private static SyncMLVersion? VersionOfDocType(XDocumentType? docType) => docType?.PublicId switch
    {
        "-//SYNCML//DTD SyncML 1.0//EN" => SyncMLVersion.V1_0,
        "-//SYNCML//DTD SyncML 1.1//EN" => SyncMLVersion.V1_1,
        "-//SYNCML//DTD SyncML 1.2//EN" => SyncMLVersion.V1_2,
        _ => null,
    };

    private T ReadItemCommand<T>(XElement element, T command)
        where T : ItemCommand
    {
        foreach (var c in element.Elements())
        {
            var name = SyncMLName(c);
            if (ReadCommon(command, c, name))
            {
                continue;
            }

            switch (command, name)
            {
                case (_, "Item"): command.Items.Add(ReadItem(c)); break;
                case (DeleteCommand d, "Archive"): d.Archive = ReadFlag(c); break;
                case (DeleteCommand d, "SftDel"): d.SftDel = ReadFlag(c); break;
                case (GetCommand g, "Lang"): g.Lang = Once(c, g.Lang, ReadString(c)); break;
                case (PutCommand p, "Lang"): p.Lang = Once(c, p.Lang, ReadString(c)); break;
                case (ExecCommand x, "Correlator"): x.Correlator = Once(c, x.Correlator, ReadString(c)); break;
                case (AlertCommand a, "Correlator"): a.Correlator = Once(c, a.Correlator, ReadString(c)); break;
                case (AlertCommand a, "Data"): a.Code = Once(c, a.Code, ReadInt(c)); break;
                case (ResultsCommand r, "MsgRef"): r.MsgRef = Once(c, r.MsgRef, ReadString(c)); break;
                case (ResultsCommand r, "CmdRef"): r.CmdRef = Once(c, r.CmdRef, ReadString(c)); break;
                case (ResultsCommand r, "TargetRef"): r.TargetRefs.Add(ReadString(c)); break;
                case (ResultsCommand r, "SourceRef"): r.SourceRefs.Add(ReadString(c)); break;
                default: Unknown(c, element); break;
            }
        }

        Required(element, command.CmdID, "CmdID");
        if (command is ResultsCommand results)
        {
            Required(element, results.CmdRef, "CmdRef");
        }

        // Add, Copy, Replace, Move, Delete, Get, Put, Exec, Results need Item+ (OMA-TS-SyncML_RepPro-V1_2); Alert has Item*.
        if (command is not AlertCommand && command.Items.Count == 0 && Strict)
        {
            throw Fail(element, $"<{element.Name.LocalName}> has no Item.");
        }

        return command;
    }

    private T ReadContainer<T>(XElement element, T command)
        where T : ContainerCommand
    {
        foreach (var c in element.Elements())
        {
            var name = SyncMLName(c);
            if (ReadCommon(command, c, name))
            {
                continue;
            }

            switch (command, name)
            {
                case (SyncCommand s, "Target"): s.Target = Once(c, s.Target, ReadLocation(c)); break;
                case (SyncCommand s, "Source"): s.Source = Once(c, s.Source, ReadLocation(c)); break;
                case (SyncCommand s, "NumberOfChanges"): s.NumberOfChanges = Once(c, s.NumberOfChanges, ReadLong(c)); break;
                default:
                    var nested = ReadCommand(c, name);
                    if (nested is null or StatusCommand or ResultsCommand)
                    {
                        // Status and Results answer commands; no container DTD nests them.
                        Unknown(c, element);
                    }
                    else
                    {
                        command.Commands.Add(nested);
                    }

                    break;
            }
        }

        Required(element, command.CmdID, "CmdID");
        return command;
    }

    private MapCommand ReadMap(XElement element)
    {
        var map = new MapCommand();
        foreach (var c in element.Elements())
        {
            var name = SyncMLName(c);
            if (ReadCommon(map, c, name))
            {
                continue;
            }

            switch (name)
            {
                case "Target": map.Target = Once(c, map.Target, ReadLocation(c)); break;
                case "Source": map.Source = Once(c, map.Source, ReadLocation(c)); break;
                case "MapItem": map.MapItems.Add(ReadMapItem(c)); break;
                default: Unknown(c, element); break;
            }
        }

        Required(element, map.CmdID, "CmdID");
        Required(element, map.Target, "Target");
        Required(element, map.Source, "Source");
        return map;
    }

    private MapItem ReadMapItem(XElement element)
    {
        var item = new MapItem();
        foreach (var c in element.Elements())
        {
            switch (SyncMLName(c))
            {
                case "Target": item.Target = Once(c, item.Target, ReadLocation(c)); break;
                case "Source": item.Source = Once(c, item.Source, ReadLocation(c)); break;
                default: Unknown(c, element); break;
            }
        }

        Required(element, item.Target, "Target");
        Required(element, item.Source, "Source");
        return item;
    }

    private SearchCommand ReadSearch(XElement element)
    {
        var search = new SearchCommand();
        foreach (var c in element.Elements())
        {
            var name = SyncMLName(c);
            if (ReadCommon(search, c, name))
            {
                continue;
            }

            switch (name)
            {
                case "NoResults": search.NoResults = ReadFlag(c); break;
                case "Target": search.Target = Once(c, search.Target, ReadLocation(c)); break;
                case "Source": search.Sources.Add(ReadLocation(c)); break;
                case "Lang": search.Lang = Once(c, search.Lang, ReadString(c)); break;
                case "Data": search.Data = Once(c, search.Data, ReadItemData(c)); break;
                default: Unknown(c, element); break;
            }
        }

        Required(element, search.CmdID, "CmdID");
        return search;
    }

    private StatusCommand ReadStatus(XElement element)
    {
        var status = new StatusCommand();
        int? code = null;
        foreach (var c in element.Elements())
        {
            var name = SyncMLName(c);
            if (ReadCommon(status, c, name))
            {
                continue;
            }

            switch (name)
            {
                case "MsgRef": status.MsgRef = Once(c, status.MsgRef, ReadString(c)); break;
                case "CmdRef": status.CmdRef = Once(c, status.CmdRef, ReadString(c)); break;
                case "Cmd": status.Cmd = Once(c, status.Cmd, ReadString(c)); break;
                case "TargetRef": status.TargetRefs.Add(ReadString(c)); break;
                case "SourceRef": status.SourceRefs.Add(ReadString(c)); break;
                case "Chal": status.Chal = Once(c, status.Chal, ReadChal(c)); break;
                case "Data": code = Once(c, code, ReadInt(c)); break;
                case "Item": status.Items.Add(ReadItem(c)); break;
                default: Unknown(c, element); break;
            }
        }

        // A Status without its code says nothing: rejected in both modes (OMA-TS-SyncML_RepPro-V1_2, element Status).
        status.Code = code ?? throw Fail(element, "<Status> has no Data (status code).");
        Required(element, status.CmdID, "CmdID");
        Required(element, status.MsgRef, "MsgRef");
        Required(element, status.CmdRef, "CmdRef");
        Required(element, status.Cmd, "Cmd");
        return status;
    }

    /// <summary>CmdID, NoResp, Cred and Meta, shared by every command.</summary>
    private bool ReadCommon(SyncMLCommand command, XElement c, string name)
    {
        switch (name)
        {
            case "CmdID": command.CmdID = Once(c, command.CmdID, ReadString(c)); return true;
            case "NoResp": command.NoResp = ReadFlag(c); return true;
            case "Cred": command.Cred = Once(c, command.Cred, ReadCred(c)); return true;
            case "Meta": command.Meta = Once(c, command.Meta, ReadMetInf(c)); return true;
            default: return false;
        }
    }

    private Item ReadItem(XElement element)
    {
        var item = new Item();
        foreach (var c in element.Elements())
        {
            switch (SyncMLName(c))
            {
                case "Target": item.Target = Once(c, item.Target, ReadLocation(c)); break;
                case "Source": item.Source = Once(c, item.Source, ReadLocation(c)); break;
                case "SourceParent": item.SourceParent = Once(c, item.SourceParent, ReadLocation(c)); break;
                case "TargetParent": item.TargetParent = Once(c, item.TargetParent, ReadLocation(c)); break;
                case "Meta": item.Meta = Once(c, item.Meta, ReadMetInf(c)); break;
                case "Data": item.Data = Once(c, item.Data, ReadItemData(c)); break;
                case "MoreData": item.MoreData = ReadFlag(c); break;
                default: Unknown(c, element); break;
            }
        }

        return item;
    }

    private ItemData ReadItemData(XElement element)
    {
        if (Wbxml.OpaqueItemBytes.Of(element) is { } bytes)
        {
            return ItemData.FromBytes(bytes);
        }

        XElement? nested = null;
        foreach (var c in element.Elements())
        {
            // OMA-TS-SyncML_RepPro-V1_2, element Data: character data or one element from another namespace (DevInf, Anchor).
            nested = nested == null ? c : throw Fail(c, "<Data> holds more than one element.");
        }

        if (nested == null)
        {
            return ItemData.FromText(element.Value);
        }

        if (Strict && element.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            throw Fail(element, "<Data> mixes text with an element.");
        }

        return ItemData.FromElement(new XElement(nested));
    }

    private SyncLocation ReadLocation(XElement element)
    {
        var location = new SyncLocation();
        foreach (var c in element.Elements())
        {
            switch (SyncMLName(c))
            {
                case "LocURI": location.LocURI = Once(c, location.LocURI, ReadString(c)); break;
                case "LocName": location.LocName = Once(c, location.LocName, ReadString(c)); break;
                case "Filter": location.Filter = Once(c, location.Filter, new XElement(c)); break;
                default: Unknown(c, element); break;
            }
        }

        Required(element, location.LocURI, "LocURI");
        return location;
    }

    private Cred ReadCred(XElement element)
    {
        var cred = new Cred();
        foreach (var c in element.Elements())
        {
            switch (SyncMLName(c))
            {
                case "Meta": cred.Meta = Once(c, cred.Meta, ReadMetInf(c)); break;
                case "Data": cred.Data = Once(c, cred.Data, ReadString(c)); break;
                default: Unknown(c, element); break;
            }
        }

        Required(element, cred.Data, "Data");
        return cred;
    }

    private Chal ReadChal(XElement element)
    {
        var chal = new Chal();
        foreach (var c in element.Elements())
        {
            switch (SyncMLName(c))
            {
                case "Meta": chal.Meta = Once(c, chal.Meta, ReadMetInf(c)); break;
                default: Unknown(c, element); break;
            }
        }

        Required(element, chal.Meta, "Meta");
        return chal;
    }

    private MetInf ReadMetInf(XElement element)
    {
        var meta = new MetInf();
        ReadMetInfInto(meta, element);
        return meta;
    }

    private void ReadMetInfInto(MetInf meta, XElement element)
    {
        foreach (var c in element.Elements())
        {
            switch (MetInfName(c))
            {
                // Some encoders wrap the Meta content in a MetInf element; its children are the same.
                case "MetInf": ReadMetInfInto(meta, c); break;
                case "Format": meta.Format = Once(c, meta.Format, ReadString(c)); break;
                case "Type": meta.Type = Once(c, meta.Type, ReadString(c)); break;
                case "Mark": meta.Mark = Once(c, meta.Mark, ReadString(c)); break;
                case "Size": meta.Size = Once(c, meta.Size, ReadLong(c)); break;
                case "Anchor": meta.Anchor = Once(c, meta.Anchor, ReadAnchor(c)); break;
                case "Version": meta.Version = Once(c, meta.Version, ReadString(c)); break;
                case "NextNonce": meta.NextNonce = Once(c, meta.NextNonce, ReadString(c)); break;
                case "MaxMsgSize": meta.MaxMsgSize = Once(c, meta.MaxMsgSize, ReadLong(c)); break;
                case "MaxObjSize": meta.MaxObjSize = Once(c, meta.MaxObjSize, ReadLong(c)); break;
                case "EMI": meta.EMI.Add(ReadString(c)); break;
                case "Mem": meta.Mem = Once(c, meta.Mem, ReadMem(c)); break;
                case "FieldLevel": meta.FieldLevel = ReadFlag(c); break;
                default: Unknown(c, element); break;
            }
        }
    }

    private Anchor ReadAnchor(XElement element)
    {
        var anchor = new Anchor();
        foreach (var c in element.Elements())
        {
            switch (MetInfName(c))
            {
                case "Last": anchor.Last = Once(c, anchor.Last, ReadString(c)); break;
                case "Next": anchor.Next = Once(c, anchor.Next, ReadString(c)); break;
                default: Unknown(c, element); break;
            }
        }

        // OMA-TS-SyncML_MetaInfo-V1_2: Anchor is (Last?, Next).
        Required(element, anchor.Next, "Next");
        return anchor;
    }

    private Mem ReadMem(XElement element)
    {
        var mem = new Mem();
        foreach (var c in element.Elements())
        {
            switch (MetInfName(c))
            {
                case "SharedMem": mem.SharedMem = ReadFlag(c); break;
                case "FreeMem": mem.FreeMem = Once(c, mem.FreeMem, ReadLong(c)); break;
                case "FreeID": mem.FreeID = Once(c, mem.FreeID, ReadLong(c)); break;
                default: Unknown(c, element); break;
            }
        }

        return mem;
    }

    // ---- names and namespaces

    private void ExpectName(XElement element, string expected)
    {
        if (SyncMLName(element) != expected)
        {
            throw Fail(element, $"Expected <{expected}>, found <{element.Name.LocalName}>.");
        }
    }

    /// <summary>The canonical local name of an element of the SyncML DTD; in strict mode checks its namespace.</summary>
    private string SyncMLName(XElement element)
    {
        var name = Canonical(element.Name.LocalName);
        if (Strict && SyncMLNames.Contains(name))
        {
            syncMLNamespace ??= SyncMLNamespaces.VersionOf(element.Name.Namespace, false) != null ? element.Name.Namespace : null;
            if (syncMLNamespace == null || element.Name.Namespace != syncMLNamespace)
            {
                throw Fail(element, $"<{name}> is in namespace '{element.Name.NamespaceName}'; strict mode requires '{syncMLNamespace?.NamespaceName ?? "SYNCML:SYNCML1.x"}'.");
            }
        }

        return name;
    }

    /// <summary>The canonical local name of a MetInf element; in strict mode it must be in <c>syncml:metinf</c>.</summary>
    private string MetInfName(XElement element)
    {
        var name = Canonical(element.Name.LocalName);
        if (Strict && MetInfNames.Contains(name) && element.Name.Namespace != SyncMLNamespaces.MetInf)
        {
            // OMA-TS-SyncML_MetaInfo-V1_2: MetInf elements live in the syncml:metinf namespace.
            throw Fail(element, $"<{name}> is in namespace '{element.Name.NamespaceName}'; strict mode requires 'syncml:metinf'.");
        }

        return name;
    }

    private string Canonical(string localName) =>
        !Strict && CanonicalNames.TryGetValue(localName, out var canonical) ? canonical : localName;

    private static Dictionary<string, string> BuildCanonicalNames()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var n in SyncMLNames.Concat(MetInfNames))
        {
            map[n] = n;
        }

        return map;
    }

    // ---- values

    private void Unknown(XElement element, XElement parent)
    {
        if (Strict)
        {
            throw Fail(element, $"Unexpected element <{element.Name.LocalName}> in <{parent.Name.LocalName}>.");
        }
    }

    private T? Once<T>(XElement element, T? current, T value)
    {
        if (current == null)
        {
            return value;
        }

        if (Strict)
        {
            throw Fail(element, $"<{element.Name.LocalName}> appears more than once.");
        }

        return current;
    }

    private T? Once<T>(XElement element, T? current, T value)
        where T : struct
    {
        if (current == null)
        {
            return value;
        }

        if (Strict)
        {
            throw Fail(element, $"<{element.Name.LocalName}> appears more than once.");
        }

        return current;
    }

    private void Required(XElement element, object? value, string name)
    {
        if (Strict && value == null)
        {
            throw Fail(element, $"<{element.Name.LocalName}> lacks the required <{name}>.");
        }
    }

    private string ReadString(XElement element)
    {
        if (element.HasElements && Strict)
        {
            throw Fail(element, $"<{element.Name.LocalName}> must hold text only.");
        }

        return Strict ? element.Value : element.Value.Trim();
    }

    private bool ReadFlag(XElement element)
    {
        // Flags (NoResp, Final, MoreData, Archive, SftDel, SharedMem, FieldLevel) are EMPTY in the DTDs.
        if (Strict && (element.HasElements || element.Value.Trim().Length > 0))
        {
            throw Fail(element, $"<{element.Name.LocalName}> must be empty.");
        }

        return true;
    }

    private int ReadInt(XElement element)
    {
        var text = NumberText(element);
        if (!int.TryParse(text, Strict ? NumberStyles.None : NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Fail(element, $"<{element.Name.LocalName}> must be a number, got '{Shorten(element.Value)}'.");
        }

        return value;
    }

    private long ReadLong(XElement element)
    {
        var text = NumberText(element);
        if (!long.TryParse(text, Strict ? NumberStyles.None : NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw Fail(element, $"<{element.Name.LocalName}> must be a non-negative number, got '{Shorten(element.Value)}'.");
        }

        return value;
    }

    private string NumberText(XElement element)
    {
        if (element.HasElements)
        {
            throw Fail(element, $"<{element.Name.LocalName}> must hold a number, not elements.");
        }

        return element.Value;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    internal static SyncMLFormatException Fail(XElement element, string message)
    {
        var path = new StringBuilder();
        for (var e = element; e != null; e = e.Parent)
        {
            path.Insert(0, "/" + e.Name.LocalName);
        }

        var line = element.Annotation<LineInfo>();
        return line != null
            ? new SyncMLFormatException($"{message} (at {path}, line {line.Line}, position {line.Position})") { Position = line.Line }
            : new SyncMLFormatException($"{message} (at {path})");
    }
}
