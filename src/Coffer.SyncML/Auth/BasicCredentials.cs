namespace Coffer.SyncML.Auth;

/// <summary>A user name and password carried by a <c>syncml:auth-basic</c> Cred.</summary>
public sealed record BasicCredentials(string User, string Password);
