using Coffer.Formats.VCard;

namespace Coffer.Sync.Web;

/// <summary>A contact as stored: its id and version (what an edit is checked against) and its card.</summary>
public sealed record StoredContact(string Id, long Version, DateTimeOffset Modified, string Origin, VCard Card);
