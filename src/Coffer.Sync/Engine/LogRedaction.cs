using System.Text.RegularExpressions;

namespace Coffer.Sync.Engine;

/// <summary>
/// Parser messages quote what they stumbled on ("value 'x' does not match", "Unexpected token 'y'"), and what they
/// read is a phone's data. Logs keep the reason and drop the quoted part: nothing of an item reaches a log
/// (docs/security.md).
/// </summary>
public static partial class LogRedaction
{
    /// <summary><paramref name="message"/> with every quoted ('…' or "…") part replaced by '…'.</summary>
    public static string Reason(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Quoted().Replace(message, "'…'");
    }

    [GeneratedRegex("'[^']*'|\"[^\"]*\"", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Quoted();
}
