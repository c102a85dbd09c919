namespace Coffer.Formats.AppData;

/// <summary>
/// How an app data file is backed up (seed 001: "which backup method to implement on which data files"), chosen per
/// file on the device and carried with each of its items (<see cref="AppDataModes"/>).
/// </summary>
public enum AppDataMode
{
    /// <summary>Full, then the changes since the last backup, each applied by the server to its copy at once.</summary>
    Incremental,

    /// <summary>Full, then the changes since that full; the server keeps the full and stores full + latest changes applied.</summary>
    Differential,

    /// <summary>Every backup kept as a version whatever the retention: the file can be restored as of any backup.</summary>
    History,
}
