namespace Coffer.Formats.VCard;

/// <summary>
/// An ADR property's seven components (RFC 6350 §6.3.1: post office box, extended address, street,
/// locality, region, postal code, country), list items joined with ",", plus its TYPE values.
/// </summary>
public sealed record VCardAddress(
    string PostOfficeBox,
    string Extended,
    string Street,
    string Locality,
    string Region,
    string PostalCode,
    string Country,
    IReadOnlyList<string> Types);
