namespace Coffer.Sync.Notifications;

/// <summary>One carrier's part of a night: its entries by state and its share of everything due that night.</summary>
/// <param name="Carrier">The carrier ("" for subscribers who named none).</param>
/// <param name="Share">Its entries over all of the night's entries, 0–1.</param>
public sealed record CarrierSpread(string Carrier, int Waiting, int Sent, int Failed, int Postponed, double Share);
