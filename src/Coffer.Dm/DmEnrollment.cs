namespace Coffer.Dm;

/// <summary>What a device gets once at enrollment (docs/device-management.md "Accounts"): the server keeps only sealed forms.</summary>
public sealed record DmEnrollment(string ServerId, string ServerUrl, string ClientName, string ClientSecret, string ServerSecret);
