namespace Coffer.Agent.Sources;

/// <summary>
/// One local change to send: the item's LUID and, for Add and Replace, its content; <see cref="ContentType"/> is the
/// item's own type when it differs from the datastore's (it carries the item's name, <see cref="ItemNames"/>).
/// </summary>
public sealed record LocalChange(ChangeKind Kind, string Luid, ItemBody? Content, string? ContentType = null);
