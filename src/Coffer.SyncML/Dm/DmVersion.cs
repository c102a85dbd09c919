namespace Coffer.SyncML.Dm;

/// <summary>
/// What marks a SyncML message as OMA DM 1.2: the SyncML 1.2 representation with VerProto <c>DM/1.2</c>
/// (OMA-TS-DM_RepPro-V1_2 §6.1.12 VerProto, §6.1.11 VerDTD) and DM's media types (OMA-TS-DM_RepPro-V1_2 §8 MIME
/// usage; OMA-TS-DM_Notification-V1_2 §7 for package 0; OMA-TS-DM_TNDS-V1_2 for the serialized tree).
/// </summary>
public static class DmVersion
{
    /// <summary>SyncHdr/VerProto of every DM 1.2 message.</summary>
    public const string VerProto = "DM/1.2";

    /// <summary>SyncHdr/VerDTD of every DM 1.2 message (DM 1.2 uses the SyncML 1.2 DTD).</summary>
    public const string VerDtd = "1.2";

    /// <summary>The value of <c>./DevInfo/DmV</c> a DM 1.2 client reports (OMA-TS-DM_StdObj-V1_2 §5.3 DevInfo).</summary>
    public const string DmV = "1.2";

    /// <summary>A DM message as XML.</summary>
    public const string XmlMediaType = "application/vnd.syncml.dm+xml";

    /// <summary>A DM message as WBXML.</summary>
    public const string WbxmlMediaType = "application/vnd.syncml.dm+wbxml";

    /// <summary>Package 0, the DM notification.</summary>
    public const string NotificationMediaType = "application/vnd.syncml.notification";

    /// <summary>Meta Type of an item holding a TNDS tree (<c>MgmtTree</c>) as XML.</summary>
    public const string TndsXmlType = "application/vnd.syncml.dmtnds+xml";

    /// <summary>Meta Type of an item holding a TNDS tree as WBXML (inside a WBXML message, as libwbxml writes it).</summary>
    public const string TndsWbxmlType = "application/vnd.syncml.dmtnds+wbxml";

    /// <summary>Whether <paramref name="verProto"/> names DM 1.2 (compared without case, as devices vary).</summary>
    public static bool IsDm12(string? verProto) => string.Equals(verProto?.Trim(), VerProto, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="contentType"/> (parameters allowed) is a DM message type, and which encoding.</summary>
    public static bool IsDmMediaType(string? contentType, out bool wbxml)
    {
        var type = contentType?.Split(';', 2)[0].Trim() ?? string.Empty;
        wbxml = type.Equals(WbxmlMediaType, StringComparison.OrdinalIgnoreCase);
        return wbxml || type.Equals(XmlMediaType, StringComparison.OrdinalIgnoreCase);
    }
}
