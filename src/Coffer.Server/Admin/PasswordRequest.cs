namespace Coffer.Server.Admin;

/// <summary>POST /api/admin/users/{id}/password.</summary>
public sealed record PasswordRequest(string Password);
