using System.Text.RegularExpressions;

namespace Coffer.Sync.Engine;

/// <summary>
/// Parser messages quote what they stumbled on ("value 'x' does not match", "Unexpected token 'y'"), and what they
/// read is a phone's data. Logs keep the reason and drop the quoted part: nothing of an item reaches a log
/// (docs/security.md).
/// </summary>
public static partial class LogRedaction
{
    /// <summary><paramref name="message"/> with its quoted ('…' or "…") parts, and what lies between them, replaced by '…'.</summary>
    public static string Reason(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Quoted().Replace(message, "'…'");
    }

    // From the first opening quote to the last closing one: a quoted value may hold quotes of its own ("Anna's"), so
    // pairing them one by one could leave part of it; an apostrophe inside a word ("doesn't") opens nothing.
    [GeneratedRegex("(?<!\\w)'.*'(?!\\w)|(?<!\\w)\".*\"(?!\\w)", RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Quoted();
}
