namespace Coffer.Agent.Sources;

/// <summary>One local change to send: the item's LUID and, for Add and Replace, its content.</summary>
public sealed record LocalChange(ChangeKind Kind, string Luid, byte[]? Content);
