namespace Coffer.Storage;

/// <summary>An enabled account found by its SIP user name, with the HA1 stored for the asked realm and algorithm.</summary>
public sealed record SipDigestAccount(long UserId, string Name, string Ha1);
