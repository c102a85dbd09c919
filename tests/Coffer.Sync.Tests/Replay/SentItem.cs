namespace Coffer.Sync.Tests.Replay;

/// <summary>One item Coffer sent the device: the command, the device's LUID (Replace, Delete) and the decoded data.</summary>
public sealed record SentItem(string Op, string? Luid, string? Text);
