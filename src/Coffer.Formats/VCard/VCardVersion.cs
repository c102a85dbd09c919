namespace Coffer.Formats.VCard;

/// <summary>The vCard versions Coffer reads and writes.</summary>
public enum VCardVersion
{
    /// <summary>versit vCard 2.1 (1996): bare parameters, QUOTED-PRINTABLE, CHARSET; what most SyncML phones send.</summary>
    V2_1,

    /// <summary>RFC 2426 (with RFC 2425 framing).</summary>
    V3_0,

    /// <summary>RFC 6350.</summary>
    V4_0,
}
