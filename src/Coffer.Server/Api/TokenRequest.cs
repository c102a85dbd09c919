namespace Coffer.Server.Api;

/// <summary>The body of POST /api/tokens.</summary>
/// <param name="Name">What to call the token ("backup script").</param>
public sealed record TokenRequest(string? Name);
