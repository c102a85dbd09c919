namespace Coffer.Formats.VCard;

/// <summary>The N property's components (RFC 6350 §6.2.2, RFC 2426 §3.1.2, vCard 2.1 §2.2.2); list items joined with ",".</summary>
public sealed record VCardName(string Family, string Given, string Additional, string Prefix, string Suffix);
