using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Notes;

/// <summary>
/// A memo as synced by phones: a title (<see cref="Summary"/>) and the full text (<see cref="Body"/>, whose
/// first line is usually the title again), categories and the vNote bookkeeping fields.
/// Line breaks inside <see cref="Body"/> are "\n".
/// </summary>
public sealed class Note
{
    public string? Summary { get; set; }

    public string Body { get; set; } = string.Empty;

    public List<string> Categories { get; } = [];

    /// <summary>vNote CLASS (PUBLIC, PRIVATE, CONFIDENTIAL).</summary>
    public string? Classification { get; set; }

    /// <summary>vNote DCREATED; <see cref="DateTimeKind.Utc"/> when written with "Z", otherwise floating local time.</summary>
    public DateTime? Created { get; set; }

    public DateTime? LastModified { get; set; }

    /// <summary>X-IRMC-LUID: the device's local id (IrMC 1.1 §3.3.3.3).</summary>
    public string? Luid { get; set; }

    /// <summary>vNote properties Coffer does not model (X- extensions...), kept so a rewrite loses nothing.</summary>
    public List<ContentLine> OtherProperties { get; } = [];

    /// <summary>The title the way SyncEvolution and phones derive it: <see cref="Summary"/>, else the first line of <see cref="Body"/>.</summary>
    public string Title => !string.IsNullOrEmpty(Summary) ? Summary : FirstLine(Body);

    internal static string FirstLine(string text)
    {
        var eol = text.IndexOf('\n', StringComparison.Ordinal);
        return (eol < 0 ? text : text[..eol]).TrimEnd('\r');
    }
}
