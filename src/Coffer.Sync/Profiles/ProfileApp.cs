namespace Coffer.Sync.Profiles;

/// <summary>An application of the profile's <c>apps/apps.json</c>, with the size of its package when the package is backed up.</summary>
public sealed record ProfileApp(string Id, string? Name, string? Version, bool ModelSpecific, string? Package, long? PackageSize);
