using System.Globalization;
using System.Text;
using Coffer.Sip.Message;

namespace Coffer.Sip.Parsing;

/// <summary>
/// Parses one SIP message (RFC 3261 §7, §25): the start line, the header fields (folding, compact names, lists
/// split at commas) and the body framed by Content-Length. The known header fields are checked against their
/// grammar; in <see cref="SipCompliance.Loose"/> the forms RFC 4475 allows a liberal element to accept are accepted
/// and rewritten canonically.
/// </summary>
public sealed class SipMessageParser(SipCompliance mode = SipCompliance.Strict)
{
    private static readonly UTF8Encoding Utf8 = new(false, false);
    private static readonly string[] RequiredHeaders = [HeaderNames.To, HeaderNames.From, HeaderNames.CSeq, HeaderNames.CallId, HeaderNames.Via];

    public SipCompliance Mode { get; } = mode;

    /// <summary>
    /// Parses a message that arrived whole: a datagram, or a frame cut from a stream. In a datagram the
    /// Content-Length may be absent (the body is the rest) and octets past it are discarded (§18.3).
    /// </summary>
    public SipMessage Parse(ReadOnlySpan<byte> data)
    {
        var start = 0;
        // §7.5: CRLFs before the start line are ignored (stream keep-alives, RFC 5626 §3.5.1).
        while (start + 1 < data.Length && data[start] == '\r' && data[start + 1] == '\n')
        {
            start += 2;
        }
        data = data[start..];
        var headEnd = FindHeadEnd(data, out var separatorLength);
        if (headEnd < 0)
        {
            throw new SipParseException("no empty line after the header fields");
        }
        var head = Utf8.GetString(data[..headEnd]);
        var lines = SplitLines(head);
        var message = ParseStartLine(lines[0]);
        foreach (var (name, value) in UnfoldHeaders(lines))
        {
            AddHeader(message, name, value);
        }
        CheckMessage(message);
        message.Body = ReadBody(message, data[(headEnd + separatorLength)..]);
        return message;
    }

    public bool TryParse(ReadOnlySpan<byte> data, out SipMessage? message, out SipParseException? error)
    {
        try
        {
            message = Parse(data);
            error = null;
            return true;
        }
        catch (SipParseException e)
        {
            message = null;
            error = e;
            return false;
        }
    }

    /// <summary>The offset of the empty line ending the header fields; bare LF line ends only in Loose.</summary>
    internal int FindHeadEnd(ReadOnlySpan<byte> data, out int separatorLength)
    {
        var crlf = data.IndexOf("\r\n\r\n"u8);
        var lf = Mode == SipCompliance.Loose ? data.IndexOf("\n\n"u8) : -1;
        if (lf >= 0 && (crlf < 0 || lf < crlf))
        {
            separatorLength = 2;
            return lf;
        }
        separatorLength = 4;
        return crlf;
    }

    private List<string> SplitLines(string head)
    {
        if (Mode == SipCompliance.Loose)
        {
            // A line ends at LF, its CR (if any) dropped: CRLF and bare LF alike.
            var loose = new List<string>();
            foreach (var range in head.AsSpan().Split('\n'))
            {
                var line = head.AsSpan(range);
                loose.Add(line.EndsWith('\r') ? line[..^1].ToString() : line.ToString());
            }
            return loose;
        }
        var lines = head.Split("\r\n").ToList();
        if (lines.Any(l => l.Contains('\r') || l.Contains('\n')))
        {
            throw new SipParseException("a bare CR or LF in the header (lines end with CRLF, RFC 3261 §7)");
        }
        return lines;
    }

    private SipMessage ParseStartLine(string line)
    {
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return ParseStatusLine(line);
        }
        string[] parts;
        if (Mode == SipCompliance.Strict)
        {
            // Request-Line = Method SP Request-URI SP SIP-Version CRLF (§7.1): exactly one SP each (RFC 4475 §3.1.2.9/10).
            parts = line.Split(' ');
        }
        else
        {
            parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        }
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            throw new SipParseException($"malformed Request-Line '{line}'");
        }
        var (method, uriText, version) = (parts[0], parts[1], parts[2]);
        if (!SipGrammar.IsToken(method))
        {
            throw new SipParseException($"invalid method '{method}'");
        }
        CheckVersion(version, isRequest: true);
        var uri = SipUriParser.Parse(uriText);
        if (uri.Headers.Count > 0)
        {
            // §19.1.1 table: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11: reject, or ignore them).
            if (Mode == SipCompliance.Strict)
            {
                throw new SipParseException("header fields in the Request-URI");
            }
            uri.Headers.Clear();
        }
        return new SipRequest { Method = method, Uri = uri, Version = "SIP/2.0" };
    }

    private SipResponse ParseStatusLine(string line)
    {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (§7.2); the phrase may be empty.
        var first = line.IndexOf(' ');
        if (first < 0)
        {
            throw new SipParseException($"malformed Status-Line '{line}'");
        }
        CheckVersion(line[..first], isRequest: false);
        var rest = line[(first + 1)..];
        if (Mode == SipCompliance.Loose)
        {
            rest = rest.TrimStart();
        }
        var second = rest.IndexOf(' ');
        var code = second >= 0 ? rest[..second] : rest;
        if (second < 0 && Mode == SipCompliance.Strict)
        {
            throw new SipParseException($"no SP after the status code in '{line}'");
        }
        if (code.Length != 3 || !code.All(SipGrammar.IsDigit) || code[0] is < '1' or > '6')
        {
            throw new SipParseException($"invalid status code '{code}'");
        }
        var reason = second >= 0 ? rest[(second + 1)..] : "";
        if (reason.Any(c => c < ' ' && c != '\t'))
        {
            throw new SipParseException("a control character in the reason phrase");
        }
        return new SipResponse
        {
            StatusCode = int.Parse(code, CultureInfo.InvariantCulture),
            ReasonPhrase = reason,
            Version = "SIP/2.0",
        };
    }

    /// <summary>SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is spoken (§8.2.2: 505 otherwise).</summary>
    private static void CheckVersion(string version, bool isRequest)
    {
        var slash = version.IndexOf('/');
        var numbers = slash >= 0 ? version[(slash + 1)..].Split('.') : [];
        if (slash != 3 || !version[..3].Equals("SIP", StringComparison.OrdinalIgnoreCase) || numbers.Length != 2 ||
            numbers.Any(n => n.Length == 0 || !n.All(SipGrammar.IsDigit)))
        {
            throw new SipParseException($"invalid SIP version '{version}'");
        }
        if (int.Parse(numbers[0], CultureInfo.InvariantCulture) != 2 || int.Parse(numbers[1], CultureInfo.InvariantCulture) != 0)
        {
            throw new SipParseException($"unsupported SIP version '{version}'", isRequest ? 505 : 400);
        }
    }

    /// <summary>Joins folded lines (a line starting with SP or HTAB continues the previous one: §7.3.1).</summary>
    private static IEnumerable<(string Name, string Value)> UnfoldHeaders(List<string> lines)
    {
        // Most messages are not folded: a line is a field as it is, copied only when a continuation joins it.
        var fields = new List<string>(lines.Count);
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length > 0 && SipGrammar.IsWhitespace(line[0]))
            {
                if (fields.Count == 0)
                {
                    throw new SipParseException("a continuation line before the first header field");
                }
                fields[^1] = fields[^1].TrimEnd(' ', '\t') + " " + line.TrimStart(' ', '\t');
            }
            else
            {
                fields.Add(line);
            }
        }
        foreach (var field in fields)
        {
            var colon = field.IndexOf(':');
            // header-name HCOLON: HCOLON = *( SP / HTAB ) ":" SWS
            var name = colon >= 0 ? field[..colon].TrimEnd(' ', '\t') : "";
            if (!SipGrammar.IsToken(name))
            {
                throw new SipParseException($"malformed header field line '{field}'");
            }
            yield return (name, field[(colon + 1)..].Trim(' ', '\t'));
        }
    }

    private void AddHeader(SipMessage message, string rawName, string value)
    {
        var name = HeaderNames.Canonical(rawName);
        if (!HeaderNames.IsList(name))
        {
            if (CheckValue(name, value) is { } kept)
            {
                message.Headers.Add(new SipHeader(name, kept));
            }
            return;
        }
        if (value.Length == 0 && !IsAddressList(name) && name != HeaderNames.Via)
        {
            // An empty Allow, Supported, Accept... is a list of no values (§20.5, §20.37).
            message.Headers.Add(new SipHeader(name, value));
            return;
        }
        foreach (var element in HeaderListSplitter.Split(value))
        {
            if (element.Length == 0)
            {
                // RFC 4475 §3.1.2.1: empty elements between commas are outside the grammar.
                throw new SipParseException($"empty value in the list of {name}: '{value}'");
            }
            message.Headers.Add(new SipHeader(name, CheckValue(name, element)!));
        }
    }

    private static bool IsAddressList(string name) =>
        name is HeaderNames.Contact or HeaderNames.Route or HeaderNames.RecordRoute;

    /// <summary>
    /// Checks one value of a known header field; returns the value to keep (rewritten when Loose fixed it), or null
    /// when Loose drops it.
    /// </summary>
    private string? CheckValue(string name, string value)
    {
        switch (name)
        {
            case HeaderNames.Via:
                HeaderValueParser.ParseVia(value, Mode);
                return value;
            case HeaderNames.From or HeaderNames.To or "Reply-To" or HeaderNames.Contact or HeaderNames.Route
                or HeaderNames.RecordRoute:
                return CheckAddress(name, value);
            case HeaderNames.CSeq:
                HeaderValueParser.ParseCSeq(value);
                return value;
            case HeaderNames.CallId:
                // callid = word [ "@" word ] (§20.8)
                var at = value.IndexOf('@');
                if (!IsWord(at >= 0 ? value.AsSpan(0, at) : value) || (at >= 0 && !IsWord(value.AsSpan(at + 1))))
                {
                    throw new SipParseException($"invalid Call-ID '{value}'");
                }
                return value;
            case HeaderNames.MaxForwards:
                // §20.22: an integer 0-255.
                if (!IsDigits(value) || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mf) || mf > 255)
                {
                    throw new SipParseException($"invalid Max-Forwards '{value}'");
                }
                return value;
            case HeaderNames.ContentLength:
                if (!IsDigits(value) || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    throw new SipParseException($"invalid Content-Length '{value}'");
                }
                return value;
            case HeaderNames.Expires or "Min-Expires":
                // delta-seconds; RFC 4475 §3.1.2.4: an overlarge value may be read as the default, so only the digits matter.
                if (!IsDigits(value))
                {
                    throw new SipParseException($"invalid {name} '{value}'");
                }
                return value;
            case HeaderNames.ContentType:
                HeaderValueParser.ParseMediaType(value);
                return value;
            case HeaderNames.Date:
                // rfc1123-date with "GMT" only (§20.17); RFC 4475 §3.1.2.12 lets a liberal element treat a bad one as absent.
                if (!DateTime.TryParseExact(value, "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _))
                {
                    return Mode == SipCompliance.Loose ? null : throw new SipParseException($"invalid Date '{value}'");
                }
                return value;
            default:
                return value;
        }
    }

    private string CheckAddress(string name, string value)
    {
        var wildcard = name == HeaderNames.Contact;
        if (Mode == SipCompliance.Strict)
        {
            HeaderValueParser.ParseNameAddress(value, SipCompliance.Strict, wildcard);
            return value;
        }
        // Loose: a value the strict grammar takes is kept as it came (one parse, no exception); only what Loose
        // alone accepts is rewritten canonically.
        if (ParsesStrictly(value, wildcard))
        {
            return value;
        }
        return HeaderValueParser.ParseNameAddress(value, SipCompliance.Loose, wildcard).ToString();
    }

    private static bool IsDigits(string value) => value.Length > 0 && value.All(SipGrammar.IsDigit);

    private static bool ParsesStrictly(string value, bool wildcard)
    {
        try
        {
            HeaderValueParser.ParseNameAddress(value, SipCompliance.Strict, wildcard);
            return true;
        }
        catch (SipParseException)
        {
            return false;
        }
    }

    private static bool IsWord(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return false;
        }
        foreach (var c in word)
        {
            if (!SipGrammar.IsWordChar(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The checks of §8.1.1 and §20 that span header fields.</summary>
    private static void CheckMessage(SipMessage message)
    {
        var headers = message.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Name;
            if (!HeaderNames.IsSingle(name))
            {
                continue;
            }
            for (var j = i + 1; j < headers.Count; j++)
            {
                if (string.Equals(headers[j].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    throw new SipParseException($"{name} appears more than once (RFC 4475 §3.3.8, §3.3.9)");
                }
            }
        }
        // §8.1.1: To, From, CSeq, Call-ID, Via are required (Max-Forwards too, but RFC 2543 peers omit it: RFC 4475 §3.4.1).
        foreach (var required in RequiredHeaders)
        {
            if (!headers.Exists(h => string.Equals(h.Name, required, StringComparison.OrdinalIgnoreCase)))
            {
                throw new SipParseException($"required header field {required} is missing");
            }
        }
        if (message is SipRequest request && message.CSeq!.Method != request.Method)
        {
            // §8.1.1.5: the CSeq method matches the request's (RFC 4475 §3.1.2.17, §3.1.2.18).
            throw new SipParseException($"CSeq method {message.CSeq.Method} does not match the request method {request.Method}");
        }
    }

    private static byte[] ReadBody(SipMessage message, ReadOnlySpan<byte> rest)
    {
        var header = message.Headers.First(HeaderNames.ContentLength);
        if (header is null)
        {
            // §18.3: without Content-Length, a datagram's body runs to its end.
            return rest.ToArray();
        }
        var length = int.Parse(header, NumberStyles.None, CultureInfo.InvariantCulture);
        if (length > rest.Length)
        {
            // RFC 4475 §3.1.2.2: a Content-Length larger than the message is refused.
            throw new SipParseException($"Content-Length {length} is larger than the {rest.Length} octets of the body");
        }
        // §18.3: octets past Content-Length in a datagram are discarded.
        return rest[..length].ToArray();
    }
}
