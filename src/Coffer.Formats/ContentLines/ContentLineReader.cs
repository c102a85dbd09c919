using System.Text;

namespace Coffer.Formats.ContentLines;

/// <summary>
/// Splits text into unfolded <see cref="ContentLine"/>s. Line ends may be CRLF, LF or CR: CRLF is what
/// RFC 5545 §3.1 / RFC 6350 §3.2 require, but XML transport (XML 1.0 §2.11) and devices turn it into LF.
/// Unfolding removes a line break followed by one space or tab (RFC 6350 §3.2, RFC 2425 §5.8.1); a
/// quoted-printable value ending in "=" continues on the next line (vCard 2.1 §2.1.3, RFC 2045 §6.7 rule 5).
/// Blank lines are skipped (vCard 2.1 §2.1.3 ends base64 values with one; files separate objects with them).
/// </summary>
public static class ContentLineReader
{
    public static List<ContentLine> Read(string text, ContentLineReaderOptions? options = null)
    {
        options ??= ContentLineReaderOptions.Default;
        var physical = SplitPhysicalLines(text);
        var result = new List<ContentLine>(physical.Count);
        var i = 0;
        while (i < physical.Count)
        {
            var first = physical.Line(text, i);
            var lineNumber = i + 1;
            if (first.Length == 0 || IsBlank(first))
            {
                i++;
                continue;
            }

            if (first[0] is ' ' or '\t')
            {
                if (options.Compliance == ParserCompliance.Strict)
                {
                    throw new PimFormatException("Continuation line without a line to continue") { Line = lineNumber };
                }

                first = first.TrimStart(" \t");
            }

            var j = i + 1;
            ContentLine? line;
            if (first[^1] != '=' && (j == physical.Count || physical.Line(text, j) is not [' ' or '\t', ..]))
            {
                line = ParseLine(first, lineNumber, options.Compliance); // the common case: nothing to unfold, no copy
            }
            else
            {
                var logical = new StringBuilder().Append(first);
                j = AppendContinuations(text, physical, j, logical, options.Compliance);
                line = ParseLine(logical.ToString(), lineNumber, options.Compliance);
            }

            if (line is null)
            {
                i = j;
                continue;
            }

            if (line.IsBase64 && options.Compliance == ParserCompliance.Loose)
            {
                // Phones (vCard 2.1) often send base64 lines without the folding indent; they carry no ':'.
                var sb = new StringBuilder(line.Value);
                while (j < physical.Count && IsBareBase64(physical.Line(text, j)))
                {
                    sb.Append(physical.Line(text, j));
                    j++;
                }

                line.Value = sb.ToString();
            }

            result.Add(line);
            i = j;
        }

        return result;
    }

    /// <summary>
    /// Reads 8-bit input. Each line's text is decoded in its own CHARSET parameter (vCard 2.1 §2.1.5), else
    /// as UTF-8; Loose falls back to <see cref="ContentLineReaderOptions.FallbackCharset"/> (Windows-1252)
    /// when the octets are not UTF-8, Strict raises. A UTF-8 byte order mark is skipped.
    /// </summary>
    public static List<ContentLine> Read(ReadOnlySpan<byte> bytes, ContentLineReaderOptions? options = null)
    {
        options ??= ContentLineReaderOptions.Default;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        // Latin-1 keeps every octet as one char, so the structure can be parsed before the charset is known:
        // CR, LF, ':', ';', ',', '=' and '"' are below 0x40, where no Shift_JIS/GBK/Big5 trail byte lies.
        var lines = Read(Encoding.Latin1.GetString(bytes), options);
        foreach (var line in lines)
        {
            var charset = line.IsQuotedPrintable || line.IsBase64 ? null : line.GetParameter("CHARSET");
            line.Value = Redecode(line.Value, charset, options, line.LineNumber);
            foreach (var p in line.Parameters)
            {
                for (var k = 0; k < p.Values.Count; k++)
                {
                    p.Values[k] = Redecode(p.Values[k], charset, options, line.LineNumber);
                }
            }
        }

        return lines;
    }

    /// <summary>
    /// Parses one unfolded line "[group.]name*(;param):value" (RFC 6350 §3.3). Returns null for a line Loose
    /// mode cannot make sense of (it is skipped); Strict raises.
    /// </summary>
    public static ContentLine? ParseLine(string text, int lineNumber = 0, ParserCompliance compliance = ParserCompliance.Loose) =>
        ParseLine(text.AsSpan(), lineNumber, compliance);

    private static ContentLine? ParseLine(ReadOnlySpan<char> text, int lineNumber, ParserCompliance compliance)
    {
        var strict = compliance == ParserCompliance.Strict;
        var pos = 0;
        while (pos < text.Length && text[pos] is not (';' or ':'))
        {
            pos++;
        }

        if (pos == text.Length)
        {
            return Fail("Content line has no ':' separating name and value", lineNumber, compliance);
        }

        var fullName = text[..pos].Trim().ToString();
        string? group = null;
        var dot = fullName.LastIndexOf('.');
        if (dot >= 0)
        {
            group = fullName[..dot];
            fullName = fullName[(dot + 1)..];
        }

        if (fullName.Length == 0 || (group is not null && group.Length == 0))
        {
            return Fail("Content line has an empty name", lineNumber, compliance);
        }

        // RFC 6350 §3.3: name and group are 1*(ALPHA / DIGIT / "-").
        if (strict && (!IsName(fullName) || (group is not null && !IsName(group))))
        {
            return Fail($"Invalid property name '{text[..pos].ToString()}'", lineNumber, compliance);
        }

        var line = new ContentLine { Group = group, Name = fullName, LineNumber = lineNumber };
        while (pos < text.Length && text[pos] == ';')
        {
            pos++;
            var start = pos;
            while (pos < text.Length && text[pos] is not ('=' or ';' or ':'))
            {
                pos++;
            }

            var paramName = text[start..pos].Trim().ToString();
            if (pos == text.Length)
            {
                return Fail("Content line has no ':' after its parameters", lineNumber, compliance);
            }

            if (text[pos] != '=')
            {
                // vCard 2.1 §2.1.2: a parameter may be written as its bare value (";HOME;VOICE").
                if (paramName.Length == 0)
                {
                    if (strict)
                    {
                        return Fail("Empty parameter", lineNumber, compliance);
                    }

                    continue;
                }

                if (strict && !IsParamText(paramName))
                {
                    return Fail($"Invalid parameter '{paramName}'", lineNumber, compliance);
                }

                line.Parameters.Add(new ContentLineParameter(null, paramName));
                continue;
            }

            if (paramName.Length == 0 || (strict && !IsName(paramName)))
            {
                if (strict)
                {
                    return Fail($"Invalid parameter name '{paramName}'", lineNumber, compliance);
                }
            }

            pos++; // '='
            var values = new List<string>();
            while (true)
            {
                if (pos < text.Length && text[pos] == '"')
                {
                    var close = text[(pos + 1)..].IndexOf('"') is var q and >= 0 ? pos + 1 + q : -1;
                    if (close < 0)
                    {
                        if (strict)
                        {
                            return Fail("Unterminated quoted parameter value", lineNumber, compliance);
                        }

                        // Loose: take the quote literally and read to the next delimiter.
                        var end = pos + 1;
                        while (end < text.Length && text[end] is not (',' or ';' or ':'))
                        {
                            end++;
                        }

                        values.Add(text[(pos + 1)..end].ToString());
                        pos = end;
                    }
                    else
                    {
                        values.Add(text[(pos + 1)..close].ToString());
                        pos = close + 1;
                    }
                }
                else
                {
                    var vs = pos;
                    while (pos < text.Length && text[pos] is not (',' or ';' or ':'))
                    {
                        if (text[pos] == '"' && strict)
                        {
                            return Fail("Quote inside an unquoted parameter value", lineNumber, compliance);
                        }

                        pos++;
                    }

                    values.Add(text[vs..pos].ToString());
                }

                if (pos < text.Length && text[pos] == ',')
                {
                    pos++;
                    continue;
                }

                break;
            }

            if (pos >= text.Length || text[pos] is not (';' or ':'))
            {
                if (pos >= text.Length)
                {
                    return Fail("Content line has no ':' after its parameters", lineNumber, compliance);
                }

                if (strict)
                {
                    return Fail("Unexpected text after a quoted parameter value", lineNumber, compliance);
                }

                // Loose: skip garbage up to the next delimiter.
                while (pos < text.Length && text[pos] is not (';' or ':'))
                {
                    pos++;
                }

                if (pos >= text.Length)
                {
                    return Fail("Content line has no ':' after its parameters", lineNumber, compliance);
                }
            }

            if (paramName.Length > 0)
            {
                line.Parameters.Add(new ContentLineParameter(paramName, values));
            }
        }

        // pos is at ':'
        line.Value = text[(pos + 1)..].ToString();
        if (strict)
        {
            foreach (var c in line.Value)
            {
                // RFC 6350 §3.3 VALUE-CHAR / RFC 5545 §3.1: no control characters except HTAB.
                if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    return Fail("Control character in value", lineNumber, compliance);
                }
            }
        }

        return line;
    }

    /// <summary>Where each physical line of <paramref name="text"/> starts and ends (line N is at index N - 1).</summary>
    internal static PhysicalLines SplitPhysicalLines(string text)
    {
        var lines = new PhysicalLines(text.AsSpan().Count('\n') + 1);
        var start = 0;
        while (start < text.Length)
        {
            var end = text.AsSpan(start).IndexOfAny('\r', '\n');
            if (end < 0)
            {
                lines.Add(start, text.Length - start);
                break;
            }

            var i = start + end;
            lines.Add(start, i - start);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
        }

        return lines;
    }

    private static int AppendContinuations(string text, PhysicalLines physical, int j, StringBuilder logical, ParserCompliance compliance)
    {
        bool? quotedPrintable = null;
        while (j < physical.Count)
        {
            var next = physical.Line(text, j);

            // A quoted-printable soft break wins over folding: the next line is joined verbatim, its leading
            // whitespace is content (vCard 2.1 §2.1.3, RFC 2045 §6.7 rule 5).
            if (logical.Length > 0 && logical[^1] == '=' && (quotedPrintable ??= IsQuotedPrintableLine(logical)) == true)
            {
                // A device that ends a value in "=" by mistake must not swallow the END line (Loose).
                if (compliance == ParserCompliance.Loose && (StartsWithKeyword(next, "END:") || StartsWithKeyword(next, "BEGIN:")))
                {
                    break;
                }

                logical.Length--;
                logical.Append(next);
                j++;
                continue;
            }

            if (next.Length > 0 && next[0] is ' ' or '\t')
            {
                logical.Append(next[1..]);
                j++;
                continue;
            }

            break;
        }

        return j;
    }

    /// <summary>Null while the header is still incomplete (no ':' yet), so the caller asks again later.</summary>
    private static bool? IsQuotedPrintableLine(StringBuilder logical)
    {
        var text = logical.ToString();
        if (!text.Contains("QUOTED-PRINTABLE", StringComparison.OrdinalIgnoreCase))
        {
            return text.Contains(':') ? false : null;
        }

        var line = ParseLine(text);
        return line is null ? null : line.IsQuotedPrintable;
    }

    private static bool StartsWithKeyword(ReadOnlySpan<char> s, string keyword) => s.StartsWith(keyword, StringComparison.OrdinalIgnoreCase);

    private static bool IsBareBase64(ReadOnlySpan<char> s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or ' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBlank(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsName(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    private static bool IsParamText(string s)
    {
        foreach (var c in s)
        {
            if (c < 0x21 || c == '"' || c == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static string Redecode(string latin1, string? charset, ContentLineReaderOptions options, int lineNumber)
    {
        var ascii = true;
        foreach (var c in latin1)
        {
            if (c > 0x7F)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return latin1;
        }

        return ContentLineCharsets.Decode(Encoding.Latin1.GetBytes(latin1), charset, options.Compliance, options.FallbackCharset, lineNumber);
    }

    private static ContentLine? Fail(string message, int lineNumber, ParserCompliance compliance) =>
        compliance == ParserCompliance.Strict
            ? throw new PimFormatException(message) { Line = lineNumber > 0 ? lineNumber : null }
            : null;
}
