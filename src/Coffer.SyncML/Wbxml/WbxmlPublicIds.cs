namespace Coffer.SyncML.Wbxml;

/// <summary>
/// WBXML public identifiers of the SyncML document types (WAP-192-WBXML §7.2 and the OMNA WBXML
/// public-id registry, as the SyncML Representation 1.1 and OMA-TS-SyncML_RepPro-V1_2 WBXML sections assign them).
/// </summary>
public static class WbxmlPublicIds
{
    /// <summary>"Unknown or missing public identifier" (WAP-192-WBXML §7.2).</summary>
    public const uint Unknown = 0x01;

    public const uint SyncML10 = 0x0FD1;
    public const uint DevInf10 = 0x0FD2;
    public const uint SyncML11 = 0x0FD3;
    public const uint DevInf11 = 0x0FD4;
    public const uint SyncML12 = 0x1201;
    public const uint MetInf12 = 0x1202;
    public const uint DevInf12 = 0x1203;

    public const string SyncML10Text = "-//SYNCML//DTD SyncML 1.0//EN";
    public const string DevInf10Text = "-//SYNCML//DTD DevInf 1.0//EN";
    public const string SyncML11Text = "-//SYNCML//DTD SyncML 1.1//EN";
    public const string DevInf11Text = "-//SYNCML//DTD DevInf 1.1//EN";
    public const string SyncML12Text = "-//SYNCML//DTD SyncML 1.2//EN";
    public const string MetInf12Text = "-//SYNCML//DTD MetInf 1.2//EN";
    public const string DevInf12Text = "-//SYNCML//DTD DevInf 1.2//EN";

    /// <summary>
    /// The DM DDF 1.2 / TNDS document (OMA-TS-DM_TND-V1_2 DTD). No numeric public id is assigned to it, so it is
    /// always written as 0 and this string in the string table, as libwbxml does.
    /// </summary>
    public const string DmDdf12Text = "-//OMA//DTD-DM-DDF 1.2//EN";
}
