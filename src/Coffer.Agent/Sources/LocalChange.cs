namespace Coffer.Agent.Sources;

/// <summary>
/// One local change to send: the item's LUID and, for Add and Replace, its content; <see cref="ContentType"/> is the
/// item's own type when it differs from the datastore's (it carries the item's name, <see cref="ItemNames"/>);
/// <see cref="Path"/> and <see cref="Sha256"/> say which file it came from, for resuming a large object.
/// </summary>
public sealed record LocalChange(ChangeKind Kind, string Luid, ItemBody? Content, string? ContentType = null, string? Path = null, string? Sha256 = null);
