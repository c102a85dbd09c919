namespace Coffer.Agent.Profile;

/// <summary>What a file of the device profile is, by where it lies in the profile folder (<see cref="ProfileLayout"/>).</summary>
public enum ProfilePart
{
    /// <summary><c>device.json</c>: manufacturer, model, firmware and software version.</summary>
    Device,

    /// <summary>A key/value file under <c>settings/</c>.</summary>
    Setting,

    /// <summary><c>apps/apps.json</c>: the installed applications with their versions.</summary>
    AppList,

    /// <summary>An application package under <c>apps/</c>.</summary>
    AppPackage,

    /// <summary>A certificate under <c>certs/</c>, with or without its private key.</summary>
    Certificate,

    Ringtone,

    Wallpaper,

    /// <summary>Anything else in the profile folder: backed up, restored onto the same model only.</summary>
    Other,
}
