using Coffer.Storage;

namespace Coffer.Sync.Auth;

/// <summary>
/// A verified login, found outside any write transaction: the account, the device row when the device logged in
/// before, and what the write transaction must still do (count the login, store a stronger hash).
/// </summary>
/// <param name="LoginCount">The device's login count the credentials were checked against (0 for a new device).</param>
/// <param name="NewHash">A stronger hash of the password when the stored one is outdated.</param>
internal sealed record Login(UserAccount User, string DeviceId, Device? KnownDevice, bool Md5, long LoginCount, string? NewHash);
