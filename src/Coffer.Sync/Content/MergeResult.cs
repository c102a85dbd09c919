namespace Coffer.Sync.Content;

/// <param name="Text">The new server copy.</param>
/// <param name="DeviceNeedsUpdate">The device's view differs from the result (it must be sent a Replace).</param>
public sealed record MergeResult(string Text, MergeOutcome Outcome, bool DeviceNeedsUpdate);
