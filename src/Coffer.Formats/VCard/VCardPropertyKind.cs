namespace Coffer.Formats.VCard;

/// <summary>How a property's value is split and escaped.</summary>
internal enum VCardPropertyKind
{
    /// <summary>One TEXT value: ";" and "," are escaped characters, not structure.</summary>
    Text,

    /// <summary>A URI (RFC 6350 §4.2): written without escaping, a "data:" or "tel:" URI must stay intact.</summary>
    Uri,

    /// <summary>A ","-separated list of texts (CATEGORIES, NICKNAME; RFC 6350 §6.2.3, §6.7.1).</summary>
    List,

    /// <summary>";" components of ","-lists (N, ADR, ORG...); also the safe reading of unknown properties.</summary>
    Structured,
}
