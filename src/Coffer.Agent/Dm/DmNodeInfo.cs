namespace Coffer.Agent.Dm;

/// <summary>One node of the tree as <c>coffer-agent dm tree</c> lists it: path, format, size in bytes (0 for an interior node) and the ACL in force.</summary>
public sealed record DmNodeInfo(string Path, string Format, string? Type, long Size, string Acl);
