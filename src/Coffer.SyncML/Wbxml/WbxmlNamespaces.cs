using System.Xml.Linq;

namespace Coffer.SyncML.Wbxml;

/// <summary>
/// The XML namespaces the WBXML codec puts on decoded elements and reads to choose tokens when encoding.
/// </summary>
public static class WbxmlNamespaces
{
    /// <summary>SyncML 1.0 code page 0 (SyncML Representation 1.0).</summary>
    public static readonly XNamespace SyncML10 = "SYNCML:SYNCML1.0";

    /// <summary>SyncML 1.1 code page 0 (SyncML Representation 1.1).</summary>
    public static readonly XNamespace SyncML11 = "SYNCML:SYNCML1.1";

    /// <summary>SyncML 1.2 code page 0 (OMA-TS-SyncML_RepPro-V1_2).</summary>
    public static readonly XNamespace SyncML12 = "SYNCML:SYNCML1.2";

    /// <summary>Meta information, code page 1 of a SyncML document (OMA-TS-SyncML_MetaInfo-V1_2).</summary>
    public static readonly XNamespace MetInf = "syncml:metinf";

    /// <summary>Device information, code page 0 of a DevInf document (OMA-TS-DS_DevInf-V1_2).</summary>
    public static readonly XNamespace DevInf = "syncml:devinf";

    /// <summary>The OMA DM tree (DDF 1.2 and TNDS, root <c>MgmtTree</c>), code page 2 of its own document (libwbxml's name).</summary>
    public static readonly XNamespace DmDdf12 = "syncml:dmddf1.2";

    /// <summary>
    /// Coffer's own namespace for the one piece of WBXML-only information the tree must carry: an
    /// OPAQUE payload that is not valid UTF-8 (see <see cref="OpaqueEncoding"/>).
    /// </summary>
    public static readonly XNamespace Coffer = "urn:coffer:wbxml";

    /// <summary>
    /// Attribute set to <c>base64</c> on an element whose OPAQUE content was not valid UTF-8: its text is
    /// then the base64 form of the bytes, and the encoder writes the bytes back as OPAQUE.
    /// </summary>
    public static readonly XName OpaqueEncoding = Coffer + "opaque";
}
