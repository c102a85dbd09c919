namespace Coffer.Storage;

/// <summary>A personal API token as stored: the token itself is never kept, only its SHA-256.</summary>
/// <param name="Id">Backend-assigned id; the settings page and the API revoke by it.</param>
/// <param name="Name">What the user called it ("backup script").</param>
/// <param name="Prefix">The token's first characters, shown so the user can tell tokens apart.</param>
public sealed record ApiToken(long Id, long UserId, string Name, string Prefix, DateTimeOffset Created);
