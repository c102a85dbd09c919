namespace Coffer.Server.Admin;

/// <summary>POST /api/admin/users.</summary>
public sealed record NewUserRequest(string Name, string Password, bool Admin = false);
