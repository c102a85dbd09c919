namespace Coffer.Dm;

/// <summary>
/// One command of a restore: Add (then Replace when the node exists) of a node, or Exec of an app's install.
/// <paramref name="Atomic"/> names the app whose Atomic the step is sent in (null: sent on its own);
/// <paramref name="Round"/> counts how often that Atomic was sent again after nodes the device already had.
/// </summary>
public sealed record DmRestoreStep(DmRestoreAction Action, DmNode Node, string? Atomic = null, int Round = 0);
