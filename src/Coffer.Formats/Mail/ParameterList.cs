using System.Collections;
using System.Globalization;
using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>Ordered MIME parameters; names compare case-insensitively (RFC 2045 §5.1).</summary>
public sealed class ParameterList : IReadOnlyList<Parameter>
{
    private readonly List<Parameter> items = [];

    public int Count => items.Count;

    public Parameter this[int index] => items[index];

    /// <summary>The value of <paramref name="name"/>, or null.</summary>
    public string? this[string name] => items.Find(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    public void Set(string name, string? value)
    {
        var index = items.FindIndex(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (value == null)
        {
            if (index >= 0)
            {
                items.RemoveAt(index);
            }

            return;
        }

        if (index >= 0)
        {
            items[index] = new Parameter(items[index].Name, value);
        }
        else
        {
            items.Add(new Parameter(name, value));
        }
    }

    public IEnumerator<Parameter> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"; name=value" for each parameter; non-ASCII values use RFC 2231 §4 "name*=utf-8''%XX".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var p in items)
        {
            sb.Append("; ");
            if (!Charsets.IsAscii(p.Value))
            {
                sb.Append(p.Name).Append("*=utf-8''");
                foreach (var b in Encoding.UTF8.GetBytes(p.Value))
                {
                    // RFC 2231 §7 attribute-char: token characters except "*", "'" and "%".
                    if (b < 128 && HeaderCursor.IsTokenChar((char)b) && b is not ((byte)'*' or (byte)'\'' or (byte)'%'))
                    {
                        sb.Append((char)b);
                    }
                    else
                    {
                        sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                    }
                }
            }
            else if (p.Value.Length > 0 && p.Value.All(HeaderCursor.IsTokenChar))
            {
                sb.Append(p.Name).Append('=').Append(p.Value);
            }
            else
            {
                sb.Append(p.Name).Append("=\"").Append(p.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
        }

        return sb.ToString();
    }

    /// <summary>Reads "*(; attribute=value)" (RFC 2045 §5.1) and joins RFC 2231 §3/§4 continuations and charset-tagged values.</summary>
    internal static ParameterList Parse(HeaderCursor cursor, ParserCompliance compliance)
    {
        var raw = new List<(string Name, string Value)>();
        while (true)
        {
            if (!cursor.SkipCfws())
            {
                Fail(compliance, "unclosed comment");
                break;
            }

            if (cursor.AtEnd)
            {
                break;
            }

            if (!cursor.TryConsume(';'))
            {
                Fail(compliance, "expected ';'");
            }

            cursor.SkipCfws();
            if (cursor.AtEnd)
            {
                break;
            }

            var name = cursor.ReadToken();
            if (name == null)
            {
                Fail(compliance, "expected a parameter name");
                SkipPastSemicolon(cursor);
                continue;
            }

            cursor.SkipCfws();
            if (!cursor.TryConsume('='))
            {
                Fail(compliance, "expected '=' after " + name);
                SkipPastSemicolon(cursor);
                continue;
            }

            cursor.SkipCfws();
            string? value;
            if (cursor.Peek('"'))
            {
                var save = cursor.Position;
                value = cursor.ReadQuotedString();
                if (value == null)
                {
                    Fail(compliance, "unterminated quoted-string");
                    cursor.Position = save + 1;
                    value = ReadRawValue(cursor);
                }
            }
            else
            {
                value = cursor.ReadToken();
                var afterToken = cursor.Position;
                cursor.SkipCfws();
                if (compliance == ParserCompliance.Loose && !cursor.AtEnd && !cursor.Peek(';'))
                {
                    // Unquoted values with spaces or specials ("name=my file.txt") are common in the wild.
                    cursor.Position = afterToken;
                    value = (value + ReadRawValue(cursor)).TrimEnd();
                }
                else if (value == null)
                {
                    Fail(compliance, "expected a value for " + name);
                }
            }

            raw.Add((name, value ?? string.Empty));
        }

        return Combine(raw, compliance);
    }

    private static ParameterList Combine(List<(string Name, string Value)> raw, ParserCompliance compliance)
    {
        var result = new ParameterList();
        var extended = new Dictionary<string, SortedDictionary<int, (string Value, bool Encoded)>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var (name, value) in raw)
        {
            var star = name.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
            {
                if (!order.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    order.Add(name);
                }

                // Loose: RFC 2047 words inside parameter values (forbidden by RFC 2047 §5, sent by many mailers).
                result.items.Add(new Parameter(name, compliance == ParserCompliance.Loose ? EncodedWords.Decode(value) : value));
                continue;
            }

            var baseName = name[..star];
            var rest = name[(star + 1)..];
            var encoded = rest.EndsWith('*');
            var indexText = encoded ? rest[..^1] : rest;
            var index = 0;
            if (indexText.Length > 0 && !int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out index))
            {
                Fail(compliance, "bad RFC 2231 section number in " + name);
                continue;
            }

            if (name.Length == star + 1)
            {
                encoded = true;
            }

            if (!extended.TryGetValue(baseName, out var sections))
            {
                extended[baseName] = sections = [];
                if (!order.Contains(baseName, StringComparer.OrdinalIgnoreCase))
                {
                    order.Add(baseName);
                }
            }

            sections[index] = (value, encoded);
        }

        foreach (var (baseName, sections) in extended)
        {
            var bytes = new List<byte>();
            string? charset = null;
            var first = true;
            foreach (var (_, (value, encoded)) in sections)
            {
                var text = value;
                if (encoded && first)
                {
                    // RFC 2231 §4: the first encoded section starts with charset'language'.
                    var parts = text.Split('\'', 3);
                    if (parts.Length == 3)
                    {
                        charset = parts[0];
                        text = parts[2];
                    }
                    else
                    {
                        Fail(compliance, "missing charset'language' in " + baseName);
                    }
                }

                first = false;
                if (encoded)
                {
                    PercentDecode(text, bytes, compliance);
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(text));
                }
            }

            var decoded = Charsets.Decode(bytes.ToArray(), charset);
            var existing = result.items.FindIndex(p => p.Name.Equals(baseName, StringComparison.OrdinalIgnoreCase));

            // The RFC 2231 form is the more exact one when a sender also wrote a plain fallback.
            if (existing >= 0)
            {
                result.items[existing] = new Parameter(baseName, decoded);
            }
            else
            {
                result.items.Add(new Parameter(baseName, decoded));
            }
        }

        result.items.Sort((a, b) => IndexIn(order, a.Name).CompareTo(IndexIn(order, b.Name)));
        return result;
    }

    private static int IndexIn(List<string> order, string name) => order.FindIndex(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static void PercentDecode(string text, List<byte> bytes, ParserCompliance compliance)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && Hex(text[i + 1]) >= 0 && Hex(text[i + 2]) >= 0)
            {
                bytes.Add((byte)((Hex(text[i + 1]) << 4) | Hex(text[i + 2])));
                i += 2;
            }
            else
            {
                if (c == '%')
                {
                    Fail(compliance, "bad %-escape in RFC 2231 value");
                }

                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        static int Hex(char c) => c < 128 ? TransferEncodings.HexValue((byte)c) : -1;
    }

    private static string ReadRawValue(HeaderCursor cursor)
    {
        var start = cursor.Position;
        while (!cursor.AtEnd && cursor.Current != ';')
        {
            cursor.Position++;
        }

        return cursor.Text[start..cursor.Position];
    }

    private static void SkipPastSemicolon(HeaderCursor cursor)
    {
        while (!cursor.AtEnd && cursor.Current != ';')
        {
            cursor.Position++;
        }
    }

    private static void Fail(ParserCompliance compliance, string why)
    {
        if (compliance == ParserCompliance.Strict)
        {
            throw new PimFormatException("Invalid MIME parameter list: " + why + " (RFC 2045 §5.1, RFC 2231).");
        }
    }
}
