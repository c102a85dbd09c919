namespace Coffer.Formats.VCard;

/// <summary>An EMAIL property: address, TYPE values, preferred flag.</summary>
public sealed record VCardEmail(string Address, IReadOnlyList<string> Types, bool IsPreferred);
