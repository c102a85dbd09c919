using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>Recursive-descent parser for RFC 5322 §3.4 address-list, with the §4.4 obsolete forms.</summary>
internal static class AddressParser
{
    public static InternetAddressList ParseList(string value, ParserCompliance compliance, string field)
    {
        var list = new InternetAddressList();
        var cursor = new HeaderCursor(value);
        while (true)
        {
            if (!cursor.SkipCfws())
            {
                Fail(compliance, field, value, "unclosed comment");
                break;
            }

            if (cursor.AtEnd)
            {
                break;
            }

            // RFC 5322 §4.4 obs-addr-list: empty list elements ("a@b, , c@d") are allowed.
            if (cursor.TryConsume(','))
            {
                continue;
            }

            var start = cursor.Position;
            var address = ParseAddress(cursor, compliance, allowGroup: true);
            cursor.SkipCfws();
            var separated = cursor.AtEnd || cursor.Peek(',');
            if (address != null && (separated || (compliance == ParserCompliance.Loose && cursor.Position > start)))
            {
                list.Add(address);
                cursor.TryConsume(',');
                continue;
            }

            Fail(compliance, field, value, "cannot parse address at offset " + start);
            SkipToNextAddress(cursor, start);
        }

        return list;
    }

    private static InternetAddress? ParseAddress(HeaderCursor cursor, ParserCompliance compliance, bool allowGroup)
    {
        var start = cursor.Position;
        var words = ReadPhrase(cursor);
        cursor.SkipCfws();
        if (cursor.Peek('<'))
        {
            var mailbox = ParseAngleAddr(cursor, compliance);
            if (mailbox != null)
            {
                mailbox.Name = PhraseText(words, compliance);
            }

            return mailbox;
        }

        if (cursor.Peek(':') && words.Count > 0 && allowGroup)
        {
            cursor.Position++;
            var group = new GroupAddress(PhraseText(words, compliance) ?? string.Empty);
            while (true)
            {
                if (!cursor.SkipCfws())
                {
                    return null;
                }

                if (cursor.TryConsume(';'))
                {
                    return group;
                }

                if (cursor.AtEnd)
                {
                    // The closing ';' is required (RFC 5322 §3.4); Loose forgives its absence.
                    return compliance == ParserCompliance.Loose ? group : null;
                }

                if (cursor.TryConsume(','))
                {
                    continue;
                }

                if (ParseAddress(cursor, compliance, allowGroup: false) is not MailboxAddress member)
                {
                    return null;
                }

                group.Members.Add(member);
            }
        }

        // Not a name-addr: start over as a bare addr-spec.
        cursor.Position = start;
        return ParseAddrSpecMailbox(cursor, compliance);
    }

    private static MailboxAddress? ParseAddrSpecMailbox(HeaderCursor cursor, ParserCompliance compliance)
    {
        cursor.SkipCfws();
        var local = ReadLocalPart(cursor);
        if (local == null)
        {
            return null;
        }

        cursor.SkipCfws();
        string address;
        if (cursor.TryConsume('@'))
        {
            var domain = ReadDomain(cursor);
            if (domain == null)
            {
                return null;
            }

            address = local + "@" + domain;
        }
        else if (compliance == ParserCompliance.Loose)
        {
            // A bare local name ("postmaster"), as old mailers and phones write it.
            address = local;
        }
        else
        {
            return null;
        }

        // Historic "user@host (Real Name)": the trailing comment is the only display name there is.
        var before = cursor.LastComment;
        cursor.SkipCfws();
        var name = !ReferenceEquals(before, cursor.LastComment) && cursor.LastComment != null ? cursor.LastComment.Trim() : null;
        return new MailboxAddress(name == null ? null : EncodedWords.Decode(name, compliance), address);
    }

    private static MailboxAddress? ParseAngleAddr(HeaderCursor cursor, ParserCompliance compliance)
    {
        cursor.TryConsume('<');
        cursor.SkipCfws();
        var route = new List<string>();
        if (cursor.Peek('@'))
        {
            // RFC 5322 §4.4 obs-route: "@domain,@domain:" before the addr-spec.
            while (cursor.TryConsume('@') || cursor.TryConsume(','))
            {
                cursor.SkipCfws();
                var d = ReadDomain(cursor);
                if (d != null)
                {
                    route.Add(d);
                }

                cursor.SkipCfws();
            }

            if (!cursor.TryConsume(':'))
            {
                return null;
            }
        }

        cursor.SkipCfws();
        if (cursor.TryConsume('>'))
        {
            // "<>" is only a null reverse-path (RFC 5321 §4.1.2), not a mailbox.
            return compliance == ParserCompliance.Loose ? new MailboxAddress(null, string.Empty) : null;
        }

        var local = ReadLocalPart(cursor);
        if (local == null)
        {
            return null;
        }

        cursor.SkipCfws();
        var address = local;
        if (cursor.TryConsume('@'))
        {
            var domain = ReadDomain(cursor);
            if (domain == null)
            {
                return null;
            }

            address = local + "@" + domain;
        }
        else if (compliance == ParserCompliance.Strict)
        {
            return null;
        }

        cursor.SkipCfws();
        if (!cursor.TryConsume('>') && compliance == ParserCompliance.Strict)
        {
            return null;
        }

        return new MailboxAddress(null, address) { Route = route };
    }

    /// <summary>RFC 5322 §3.2.5 phrase plus §4.1 obs-phrase ('.' inside display names): words with a flag for quoted ones.</summary>
    private static List<(string Text, bool Quoted)> ReadPhrase(HeaderCursor cursor)
    {
        var words = new List<(string, bool)>();
        while (true)
        {
            if (!cursor.SkipCfws() || cursor.AtEnd)
            {
                return words;
            }

            if (cursor.Peek('"'))
            {
                var save = cursor.Position;
                var q = cursor.ReadQuotedString();
                if (q == null)
                {
                    cursor.Position = save;
                    return words;
                }

                words.Add((q, true));
                continue;
            }

            var atom = cursor.ReadAtom(allowDot: true);
            if (atom == null)
            {
                return words;
            }

            words.Add((atom, false));
        }
    }

    private static string? PhraseText(List<(string Text, bool Quoted)> words, ParserCompliance compliance)
    {
        if (words.Count == 0)
        {
            return null;
        }

        // RFC 2047 §5(3): encoded-words may replace atoms in a phrase, never text inside quotes;
        // Loose decodes quoted ones too because many mailers quote them.
        var sb = new StringBuilder();
        var run = new StringBuilder();
        foreach (var (text, quoted) in words)
        {
            if (quoted && compliance == ParserCompliance.Strict)
            {
                AppendRun();
                sb.Append(sb.Length > 0 ? " " : string.Empty).Append(text);
                continue;
            }

            run.Append(run.Length > 0 ? " " : string.Empty).Append(text);
        }

        AppendRun();
        var name = sb.ToString().Trim();
        return name.Length == 0 ? null : name;

        void AppendRun()
        {
            if (run.Length > 0)
            {
                sb.Append(sb.Length > 0 ? " " : string.Empty).Append(EncodedWords.Decode(run.ToString(), compliance));
                run.Clear();
            }
        }
    }

    /// <summary>RFC 5322 §3.4.1 local-part: dot-atom / quoted-string / §4.4 obs-local-part.</summary>
    private static string? ReadLocalPart(HeaderCursor cursor)
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (cursor.Peek('"'))
            {
                var save = cursor.Position;
                var q = cursor.ReadQuotedString();
                if (q == null)
                {
                    cursor.Position = save;
                    break;
                }

                sb.Append(NeedsQuoting(q) ? "\"" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : q);
            }
            else
            {
                var atom = cursor.ReadAtom(allowDot: true);
                if (atom == null)
                {
                    break;
                }

                sb.Append(atom);
            }

            var save2 = cursor.Position;
            cursor.SkipCfws();
            if (cursor.TryConsume('.'))
            {
                sb.Append('.');
                cursor.SkipCfws();
                continue;
            }

            cursor.Position = save2;
            if (!cursor.Peek('"'))
            {
                break;
            }
        }

        return sb.Length > 0 ? sb.ToString() : null;
    }

    private static string? ReadDomain(HeaderCursor cursor)
    {
        cursor.SkipCfws();
        return cursor.ReadDomainLiteral() ?? cursor.ReadAtom(allowDot: true);
    }

    private static bool NeedsQuoting(string local)
    {
        if (local.Length == 0 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var c in local)
        {
            if (!HeaderCursor.IsAtext(c) && c != '.')
            {
                return true;
            }
        }

        return false;
    }

    private static void SkipToNextAddress(HeaderCursor cursor, int start)
    {
        cursor.Position = Math.Max(cursor.Position, start);
        var quoted = false;
        var angle = false;
        while (!cursor.AtEnd)
        {
            var c = cursor.Current;
            cursor.Position++;
            if (c == '\\' && !cursor.AtEnd)
            {
                cursor.Position++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '<')
            {
                angle = true;
            }
            else if (!quoted && c == '>')
            {
                angle = false;
            }
            else if (!quoted && !angle && c == ',')
            {
                return;
            }
        }
    }

    private static void Fail(ParserCompliance compliance, string field, string value, string why)
    {
        if (compliance == ParserCompliance.Strict)
        {
            throw new PimFormatException($"Invalid {field} field \"{value}\": {why} (RFC 5322 §3.4).");
        }
    }
}
