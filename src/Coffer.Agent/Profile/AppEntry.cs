namespace Coffer.Agent.Profile;

/// <summary>
/// One installed application of <c>apps/apps.json</c>: its id and version, the file name of its package under
/// <c>apps/</c> when the package is kept, and whether it was built for this model only.
/// </summary>
public sealed record AppEntry(string Id, string? Name, string? Version, string? Package = null, bool ModelSpecific = false);
