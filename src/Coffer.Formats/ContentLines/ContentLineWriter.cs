using System.Text;

namespace Coffer.Formats.ContentLines;

/// <summary>
/// Writes content lines, folding at 75 octets without splitting a UTF-8 sequence (RFC 6350 §3.2,
/// RFC 5545 §3.1). Quoted-printable values are broken with soft line breaks instead, since folding
/// whitespace would become part of a vCard 2.1 value (vCard 2.1 §2.1.3, RFC 2045 §6.7).
/// </summary>
public static class ContentLineWriter
{
    /// <summary>"[group.]NAME;PARAM=a,b:value" on one line, no folding.</summary>
    public static string FormatUnfolded(ContentLine line)
    {
        var sb = new StringBuilder();
        AppendHeader(sb, line);
        return sb.Append(':').Append(line.Value).ToString();
    }

    /// <summary>Appends the line, folded, with its terminating line break.</summary>
    public static void Write(StringBuilder output, ContentLine line, ContentLineWriterOptions? options = null)
    {
        options ??= ContentLineWriterOptions.Default;
        if (!line.IsQuotedPrintable && !(line.IsBase64 && options.LegacyBase64Layout))
        {
            // The common case: written straight into the output, folded only when it is long.
            var start = output.Length;
            AppendHeader(output, line);
            output.Append(':').Append(line.Value);
            EndLine(output, start, options);
            return;
        }

        var header = new StringBuilder();
        AppendHeader(header, line);
        header.Append(':');

        if (line.IsQuotedPrintable && IsAscii(line.Value))
        {
            output.Append(header);
            output.Append(QuotedPrintable.InsertSoftBreaks(line.Value, header.Length, options.MaxLineOctets, options.NewLine));
            output.Append(options.NewLine);
            return;
        }

        if (line.IsBase64 && options.LegacyBase64Layout && line.Value.Length > 0)
        {
            output.Append(Fold(header.ToString(), options.MaxLineOctets, options.NewLine)).Append(options.NewLine);
            var value = line.Value;
            var chunk = Math.Max(4, options.MaxLineOctets - 2);
            for (var i = 0; i < value.Length; i += chunk)
            {
                output.Append("  ").Append(value, i, Math.Min(chunk, value.Length - i)).Append(options.NewLine);
            }

            output.Append(options.NewLine);
            return;
        }

        output.Append(Fold(header.Append(line.Value).ToString(), options.MaxLineOctets, options.NewLine));
        output.Append(options.NewLine);
    }

    public static string Write(IEnumerable<ContentLine> lines, ContentLineWriterOptions? options = null)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            Write(sb, line, options);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Folds one logical line: a break plus one space is inserted before the octet that would pass
    /// <paramref name="maxOctets"/>, always between whole characters (RFC 6350 §3.2: "multi-octet
    /// characters MUST remain contiguous").
    /// </summary>
    public static string Fold(string line, int maxOctets = 75, string newLine = "\r\n")
    {
        if (maxOctets < 5)
        {
            throw new ArgumentOutOfRangeException(nameof(maxOctets));
        }

        if (line.Length <= maxOctets / 4 || Encoding.UTF8.GetByteCount(line) <= maxOctets)
        {
            return line;
        }

        var sb = new StringBuilder(line.Length + (line.Length / maxOctets * 3));
        var used = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (used + size > maxOctets)
            {
                sb.Append(newLine).Append(' ');
                used = 1;
            }

            sb.Append(rune.ToString());
            used += size;
        }

        return sb.ToString();
    }

    /// <summary>Formats a parameter value, quoting it when it holds ",", ";" or ":" (RFC 6350 §3.3 param-value).</summary>
    public static string FormatParameterValue(string value)
    {
        // DQUOTE and line breaks cannot appear in a parameter value at all (RFC 6350 §3.3 QSAFE-CHAR).
        if (value.AsSpan().IndexOfAny("\"\r\n") >= 0)
        {
            value = value.Replace('"', '\'').Replace('\r', ' ').Replace('\n', ' ');
        }

        return value.AsSpan().IndexOfAny(",;:") >= 0 ? "\"" + value + "\"" : value;
    }

    private static void AppendHeader(StringBuilder sb, ContentLine line)
    {
        if (!string.IsNullOrEmpty(line.Group))
        {
            sb.Append(line.Group).Append('.');
        }

        sb.Append(line.Name);
        foreach (var p in line.Parameters)
        {
            sb.Append(';');
            if (p.Name is not null)
            {
                sb.Append(p.Name).Append('=');
            }

            for (var i = 0; i < p.Values.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append(FormatParameterValue(p.Values[i]));
            }
        }
    }

    /// <summary>
    /// Ends the unfolded line written to <paramref name="output"/> from <paramref name="start"/> on: folds it when it
    /// is longer than <see cref="ContentLineWriterOptions.MaxLineOctets"/> in UTF-8, then appends the line break.
    /// </summary>
    internal static void EndLine(StringBuilder output, int start, ContentLineWriterOptions options)
    {
        var length = output.Length - start;
        var max = options.MaxLineOctets;

        // UTF-8 has at most 4 octets per char, and at least one: only lines between max/4 and max chars need counting.
        if (length > max / 4 && (length > max || Utf8Length(output, start, length) > max))
        {
            var unfolded = output.ToString(start, length);
            output.Length = start;
            output.Append(Fold(unfolded, max, options.NewLine));
        }

        output.Append(options.NewLine);
    }

    private static int Utf8Length(StringBuilder output, int start, int length)
    {
        Span<char> chars = length <= 256 ? stackalloc char[length] : new char[length];
        output.CopyTo(start, chars, length);
        return Encoding.UTF8.GetByteCount(chars);
    }

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
