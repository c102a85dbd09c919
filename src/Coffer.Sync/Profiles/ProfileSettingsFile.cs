namespace Coffer.Sync.Profiles;

/// <summary>A key/value file of the profile's <c>settings/</c> and the keys it sets (<c>section.key</c> in an INI file).</summary>
public sealed record ProfileSettingsFile(string Path, IReadOnlyList<string> Keys);
