namespace Coffer.Sync.Profiles;

/// <summary>A ring tone or wallpaper of the profile (<c>media/ringtones/</c>, <c>media/wallpapers/</c>).</summary>
public sealed record ProfileMedia(string Path, string Kind, long Size);
