namespace Coffer.Formats.Mail;

/// <summary>RFC 5322 §3.6.4 msg-id lists ("&lt;left@right&gt;"), returned without angle brackets.</summary>
internal static class MessageIds
{
    public static string? ParseOne(string? value) => value == null ? null : ParseList(value).FirstOrDefault();

    /// <summary>Every "&lt;...&gt;" id; Loose also takes bare ids separated by whitespace (RFC 822 mailers, phones).</summary>
    public static List<string> ParseList(string value)
    {
        var ids = new List<string>();
        var cursor = new HeaderCursor(value);
        while (true)
        {
            cursor.SkipCfws();
            if (cursor.AtEnd)
            {
                break;
            }

            if (cursor.TryConsume('<'))
            {
                var end = value.IndexOf('>', cursor.Position);
                var id = end < 0 ? value[cursor.Position..] : value[cursor.Position..end];
                cursor.Position = end < 0 ? value.Length : end + 1;
                id = id.Trim();
                if (id.Length > 0)
                {
                    ids.Add(id);
                }

                continue;
            }

            var start = cursor.Position;
            while (!cursor.AtEnd && !char.IsWhiteSpace(cursor.Current) && cursor.Current is not ('<' or ',' or '('))
            {
                cursor.Position++;
            }

            if (cursor.Position > start)
            {
                // obs-phrase words in In-Reply-To (RFC 5322 §4.5.4) are not ids; keep only id-looking bare tokens.
                var token = value[start..cursor.Position];
                if (token.Contains('@', StringComparison.Ordinal))
                {
                    ids.Add(token);
                }
            }
            else
            {
                cursor.Position++;
            }
        }

        return ids;
    }

    /// <summary>RFC 5322 §3.6.4: each id is "&lt;id-left@id-right&gt;" with nothing else but CFWS.</summary>
    public static bool IsStrictList(string value, bool single)
    {
        var cursor = new HeaderCursor(value);
        var count = 0;
        while (true)
        {
            if (!cursor.SkipCfws())
            {
                return false;
            }

            if (cursor.AtEnd)
            {
                return count > 0 && (!single || count == 1);
            }

            if (!cursor.TryConsume('<'))
            {
                return false;
            }

            var end = value.IndexOf('>', cursor.Position);
            if (end < 0)
            {
                return false;
            }

            var id = value[cursor.Position..end];
            var at = id.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at == id.Length - 1 || id.Any(c => c <= ' ' || c is '<' or '>'))
            {
                return false;
            }

            cursor.Position = end + 1;
            count++;
        }
    }
}
