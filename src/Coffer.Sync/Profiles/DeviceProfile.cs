namespace Coffer.Sync.Profiles;

/// <summary>
/// One device's profile as the server holds it (seed 004; docs/agent.md "Device profile"): what the device is, the
/// keys of its settings (never their values: a Wi-Fi password is a value), its applications, the public parts of its
/// certificates, its ring tones and wallpapers, and when any of it last changed.
/// </summary>
public sealed record DeviceProfile(
    string Device,
    string? Manufacturer,
    string? Model,
    string? FirmwareVersion,
    string? SoftwareVersion,
    DateTimeOffset Modified,
    IReadOnlyList<ProfileSettingsFile> Settings,
    IReadOnlyList<ProfileApp> Apps,
    IReadOnlyList<ProfileCertificate> Certificates,
    IReadOnlyList<ProfileMedia> Media);
