namespace Coffer.Agent.Peer;

/// <summary>What one pass of <see cref="FolderMirror"/> did: items added, replaced and deleted, and files it could not read as items.</summary>
public sealed record MirrorCounts(int Added, int Replaced, int Deleted, IReadOnlyList<string> Unreadable);
