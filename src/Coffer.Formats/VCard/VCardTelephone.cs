namespace Coffer.Formats.VCard;

/// <summary>A TEL property: number (a "tel:" URI in 4.0 when VALUE=uri), its TYPE values, and whether it is preferred.</summary>
public sealed record VCardTelephone(string Number, IReadOnlyList<string> Types, bool IsPreferred);
