namespace Coffer.Formats.Mail;

/// <summary>An RFC 5322 §3.4 address: a <see cref="MailboxAddress"/> or a <see cref="GroupAddress"/>.</summary>
public abstract class InternetAddress
{
    /// <summary>The display name (RFC 5322 §3.4 display-name), decoded from RFC 2047 encoded-words; null when absent.</summary>
    public string? Name { get; set; }

    /// <summary>The address as it is written in a header field (encoded-words and quoting applied).</summary>
    public abstract override string ToString();

    /// <summary>RFC 5322 §3.2.5 phrase: atoms as they are, quoted-string when specials occur, encoded-words when non-ASCII (RFC 2047 §5).</summary>
    internal static string FormatPhrase(string name)
    {
        if (!Charsets.IsAscii(name))
        {
            return EncodedWords.Encode(name);
        }

        var plain = name.Length > 0 && name.Trim() == name && !name.Contains("  ", StringComparison.Ordinal);
        foreach (var c in name)
        {
            if (!(HeaderCursor.IsAtext(c) || c == ' '))
            {
                plain = false;
                break;
            }
        }

        if (plain && !name.Contains("=?", StringComparison.Ordinal))
        {
            return name;
        }

        return "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
