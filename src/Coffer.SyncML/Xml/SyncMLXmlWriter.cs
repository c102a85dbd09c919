using System.Globalization;
using System.Xml.Linq;

namespace Coffer.SyncML;

/// <summary>
/// Converts the model into the canonical XML tree: SyncML elements in the namespace of the message version, MetInf
/// elements in <c>syncml:metinf</c> (OMA-TS-SyncML_MetaInfo-V1_2), children in the order of the 1.2 DTD
/// (OMA-TS-SyncML_RepPro_DTD-V1_2), nested Data elements copied as given.
/// </summary>
internal sealed class SyncMLXmlWriter
{
    private static readonly XNamespace M = SyncMLNamespaces.MetInf;
    private readonly XNamespace ns;

    public SyncMLXmlWriter(SyncMLVersion version)
    {
        ns = SyncMLNamespaces.ForVersion(version);
        Version = version;
    }

    private SyncMLVersion Version { get; }

    public XElement WriteMessage(SyncMLMessage message) =>
        new(ns + "SyncML", WriteHeader(message.Header), WriteBody(message.Body));

    public XElement WriteHeader(SyncHdr h) => new(
        ns + "SyncHdr",
        Text("VerDTD", h.VerDTD ?? SyncMLNamespaces.VerDtd(Version)),
        Text("VerProto", h.VerProto),
        Text("SessionID", h.SessionID),
        Text("MsgID", h.MsgID),
        Location("Target", h.Target),
        Location("Source", h.Source),
        Text("RespURI", h.RespURI),
        Flag("NoResp", h.NoResp),
        Cred(h.Cred),
        Meta(h.Meta));

    public XElement WriteBody(SyncBody body) =>
        new(ns + "SyncBody", body.Commands.Select(WriteCommand), Flag("Final", body.Final));

    public XElement WriteCommand(SyncMLCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var e = new XElement(ns + command.ElementName, Text("CmdID", command.CmdID));
        switch (command)
        {
            // Each case follows its DTD content model (OMA-TS-SyncML_RepPro_DTD-V1_2).
            case StatusCommand s:
                e.Add(
                    Text("MsgRef", s.MsgRef),
                    Text("CmdRef", s.CmdRef),
                    Text("Cmd", s.Cmd),
                    s.TargetRefs.Select(r => Text("TargetRef", r)),
                    s.SourceRefs.Select(r => Text("SourceRef", r)),
                    Cred(s.Cred),
                    s.Chal == null ? null : new XElement(ns + "Chal", Meta(s.Chal.Meta)),
                    Text("Data", s.Code.ToString(CultureInfo.InvariantCulture)),
                    s.Items.Select(Item));
                break;
            case ResultsCommand r:
                e.Add(
                    Text("MsgRef", r.MsgRef),
                    Text("CmdRef", r.CmdRef),
                    Meta(r.Meta),
                    r.TargetRefs.Select(x => Text("TargetRef", x)),
                    r.SourceRefs.Select(x => Text("SourceRef", x)),
                    r.Items.Select(Item));
                break;
            case AlertCommand a:
                e.Add(
                    Flag("NoResp", a.NoResp),
                    Cred(a.Cred),
                    a.Code == null ? null : Text("Data", a.Code.Value.ToString(CultureInfo.InvariantCulture)),
                    Text("Correlator", a.Correlator),
                    Meta(a.Meta),
                    a.Items.Select(Item));
                break;
            case DeleteCommand d:
                e.Add(Flag("NoResp", d.NoResp), Flag("Archive", d.Archive), Flag("SftDel", d.SftDel), Cred(d.Cred), Meta(d.Meta), d.Items.Select(Item));
                break;
            case GetCommand g:
                e.Add(Flag("NoResp", g.NoResp), Text("Lang", g.Lang), Cred(g.Cred), Meta(g.Meta), g.Items.Select(Item));
                break;
            case PutCommand p:
                e.Add(Flag("NoResp", p.NoResp), Text("Lang", p.Lang), Cred(p.Cred), Meta(p.Meta), p.Items.Select(Item));
                break;
            case ExecCommand x:
                e.Add(Flag("NoResp", x.NoResp), Cred(x.Cred), Meta(x.Meta), Text("Correlator", x.Correlator), x.Items.Select(Item));
                break;
            case ItemCommand i:
                e.Add(Flag("NoResp", i.NoResp), Cred(i.Cred), Meta(i.Meta), i.Items.Select(Item));
                break;
            case SyncCommand s:
                e.Add(
                    Flag("NoResp", s.NoResp),
                    Cred(s.Cred),
                    Location("Target", s.Target),
                    Location("Source", s.Source),
                    Meta(s.Meta),
                    s.NumberOfChanges == null ? null : Text("NumberOfChanges", s.NumberOfChanges.Value.ToString(CultureInfo.InvariantCulture)),
                    s.Commands.Select(WriteCommand));
                break;
            case ContainerCommand c:
                e.Add(Flag("NoResp", c.NoResp), Cred(c.Cred), Meta(c.Meta), c.Commands.Select(WriteCommand));
                break;
            case MapCommand m:
                e.Add(
                    Location("Target", m.Target),
                    Location("Source", m.Source),
                    Cred(m.Cred),
                    Meta(m.Meta),
                    m.MapItems.Select(mi => new XElement(ns + "MapItem", Location("Target", mi.Target), Location("Source", mi.Source))));
                break;
            case SearchCommand q:
                e.Add(
                    Flag("NoResp", q.NoResp),
                    Flag("NoResults", q.NoResults),
                    Cred(q.Cred),
                    Location("Target", q.Target),
                    q.Sources.Select(src => Location("Source", src)),
                    Text("Lang", q.Lang),
                    Meta(q.Meta),
                    Data(q.Data));
                break;
            default:
                throw new SyncMLFormatException($"Cannot write a command of type {command.GetType().Name}.");
        }

        return e;
    }

    private XElement Item(Item item) => new(
        ns + "Item",
        Location("Target", item.Target),
        Location("Source", item.Source),
        Location("SourceParent", item.SourceParent),
        Location("TargetParent", item.TargetParent),
        Meta(item.Meta),
        Data(item.Data),
        Flag("MoreData", item.MoreData));

    private XElement? Data(ItemData? data)
    {
        if (data == null)
        {
            return null;
        }

        if (data.Bytes is { } bytes)
        {
            // The bytes stay bytes: the WBXML encoder writes them as OPAQUE; an XML message gets their text.
            var element = new XElement(ns + "Data", string.Empty);
            element.AddAnnotation(new Wbxml.OpaqueItemBytes(bytes));
            return element;
        }

        return data.Element != null
            ? new XElement(ns + "Data", new XElement(data.Element))
            : new XElement(ns + "Data", data.Text);
    }

    private XElement? Location(string name, SyncLocation? location) => location == null
        ? null
        : new XElement(ns + name, Text("LocURI", location.LocURI), Text("LocName", location.LocName), location.Filter == null ? null : new XElement(location.Filter));

    private XElement? Cred(Cred? cred) => cred == null ? null : new XElement(ns + "Cred", Meta(cred.Meta), Text("Data", cred.Data));

    private XElement? Meta(MetInf? m) => m == null
        ? null
        : new XElement(
            ns + "Meta",
            MetText("Format", m.Format),
            MetText("Type", m.Type),
            MetText("Mark", m.Mark),
            MetNumber("Size", m.Size),
            m.Anchor == null ? null : new XElement(M + "Anchor", MetText("Last", m.Anchor.Last), MetText("Next", m.Anchor.Next)),
            MetText("Version", m.Version),
            MetText("NextNonce", m.NextNonce),
            MetNumber("MaxMsgSize", m.MaxMsgSize),
            MetNumber("MaxObjSize", m.MaxObjSize),
            m.EMI.Select(x => MetText("EMI", x)),
            m.Mem == null ? null : new XElement(M + "Mem", m.Mem.SharedMem ? new XElement(M + "SharedMem") : null, MetNumber("FreeMem", m.Mem.FreeMem), MetNumber("FreeID", m.Mem.FreeID)),
            m.FieldLevel ? new XElement(M + "FieldLevel") : null);

    private XElement? Text(string name, string? value) => value == null ? null : new XElement(ns + name, value);

    private XElement? Flag(string name, bool set) => set ? new XElement(ns + name) : null;

    private static XElement? MetText(string name, string? value) => value == null ? null : new XElement(M + name, value);

    private static XElement? MetNumber(string name, long? value) =>
        value == null ? null : new XElement(M + name, value.Value.ToString(CultureInfo.InvariantCulture));
}
