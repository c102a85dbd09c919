using Coffer.Formats.VCard;

namespace Coffer.Sync.Web;

/// <summary>One contact of an uploaded file and what importing it does.</summary>
/// <param name="Line">Where it starts in the file (1-based).</param>
/// <param name="Name">Its display name.</param>
/// <param name="Reason">Why it is skipped, or which contact it updates.</param>
/// <param name="Card">What is stored: the contact as read, or merged into the existing one; null for a skipped row.</param>
/// <param name="ExistingId">The contact it updates.</param>
/// <param name="ExistingVersion">That contact's version when the preview was made.</param>
public sealed record ImportRow(int Line, string Name, ImportAction Action, string Reason, VCard? Card = null, string? ExistingId = null, long ExistingVersion = 0);
