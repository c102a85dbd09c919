namespace Coffer.Dm;

/// <summary>One command of a restore: Add (then Replace when the node exists) of a node, or Exec of an app's install.</summary>
public sealed record DmRestoreStep(DmRestoreAction Action, DmNode Node);
