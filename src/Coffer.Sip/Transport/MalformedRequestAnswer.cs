using System.Net;
using System.Text;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Transport;

/// <summary>
/// The stateless answer to a request that does not parse (RFC 3261 §8.2.2, §16.3; RFC 4475 §3.1.2, §3.3): 400 Bad
/// Request, or 505 for an unknown SIP version, with a Warning saying what is wrong. It is built only when the header
/// fields a response copies (§8.2.6.2: Via, From, To, Call-ID, CSeq) can still be read and the top Via names where to
/// send it; otherwise, and for a response that does not parse, there is no answer (§18.3 lets the message be dropped).
/// </summary>
public sealed record MalformedRequestAnswer(SipResponse Response, IPEndPoint Destination)
{
    /// <summary>The To tag of the answer: the request never reached a transaction, so no UAS chose one.</summary>
    public const string ToTag = "coffer-malformed";

    private static readonly UTF8Encoding Utf8 = new(false, false);

    /// <summary>
    /// Reads what can be read of <paramref name="data"/> and builds the answer to send to <paramref name="source"/>'s
    /// transport: on a connection (<paramref name="reliable"/>) to the source itself (§18.2.2), on UDP to the top Via's
    /// received address and rport or sent-by port (§18.2.2, RFC 3581 §4). Null when nothing can be answered.
    /// </summary>
    public static MalformedRequestAnswer? Build(ReadOnlySpan<byte> data, SipParseException error, IPEndPoint source, bool reliable)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(source);
        var text = Utf8.GetString(data).TrimStart('\r', '\n');
        var headEnd = HeadEnd(text);
        var lines = text[..headEnd].Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines[0].StartsWith("SIP/", StringComparison.OrdinalIgnoreCase) || lines[0].Trim().Length == 0)
        {
            return null;
        }

        var fields = ReadFields(lines);
        if (ReadTopVia(fields, source) is not var (vias, topVia) ||
            First(fields, HeaderNames.From) is not { } from || First(fields, HeaderNames.To) is not { } to ||
            First(fields, HeaderNames.CallId) is not { } callId || First(fields, HeaderNames.CSeq) is not { } cseq)
        {
            return null;
        }

        IPEndPoint destination;
        try
        {
            destination = reliable ? source : ViaStamp.ResponseDestination(topVia);
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        var response = new SipResponse
        {
            StatusCode = error.StatusCode,
            ReasonPhrase = error.StatusCode == 505 ? "Version Not Supported" : "Bad Request",
        };
        foreach (var via in vias)
        {
            response.Headers.Add(HeaderNames.Via, via);
        }

        response.Headers.Add(HeaderNames.From, from);
        response.Headers.Add(HeaderNames.To, TaggedTo(to));
        response.Headers.Add(HeaderNames.CallId, callId);
        response.Headers.Add(HeaderNames.CSeq, cseq);
        // §20.43: warn-code 399 (miscellaneous), the agent, and the reason as a quoted-string.
        response.Headers.Add("Warning", $"399 coffer \"{Quote(error.Message)}\"");
        return new MalformedRequestAnswer(response, destination);
    }

    private static int HeadEnd(string text)
    {
        var crlf = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lf = text.IndexOf("\n\n", StringComparison.Ordinal);
        var end = crlf < 0 ? lf : lf < 0 ? crlf : Math.Min(crlf, lf);
        return end < 0 ? text.Length : end;
    }

    /// <summary>The header fields under their long names, folded lines joined (§7.3.1), in order.</summary>
    private static List<(string Name, string Value)> ReadFields(string[] lines)
    {
        var fields = new List<(string Name, string Value)>();
        foreach (var line in lines.Skip(1).Select(l => l.TrimEnd('\r')))
        {
            if (line.Length > 0 && SipGrammar.IsWhitespace(line[0]) && fields.Count > 0)
            {
                fields[^1] = (fields[^1].Name, fields[^1].Value + " " + line.Trim(' ', '\t'));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.Add((HeaderNames.Canonical(line[..colon].TrimEnd(' ', '\t')), line[(colon + 1)..].Trim(' ', '\t')));
            }
        }

        return fields;
    }

    /// <summary>
    /// Every Via value in order, the top one stamped with received and rport as on any request (§18.2.1, RFC 3581 §4);
    /// null when there is none or the top one is outside the grammar (nowhere to send the answer).
    /// </summary>
    private static (List<string> Values, SipVia Top)? ReadTopVia(List<(string Name, string Value)> fields, IPEndPoint source)
    {
        var values = new List<string>();
        foreach (var (_, value) in fields.Where(f => f.Name == HeaderNames.Via))
        {
            values.AddRange(HeaderListSplitter.Split(value).Select(v => v.Trim()));
        }

        if (values.Count == 0)
        {
            return null;
        }

        try
        {
            var top = ViaStamp.Stamp(HeaderValueParser.ParseVia(values[0], SipCompliance.Loose), source);
            values[0] = top.ToString();
            return (values, top);
        }
        catch (SipParseException)
        {
            return null;
        }
    }

    /// <summary>The first value: a single-valued field given twice (RFC 4475 §3.3.8) is answered with the first.</summary>
    private static string? First(List<(string Name, string Value)> fields, string name) =>
        fields.FirstOrDefault(f => f.Name == name && f.Value.Length > 0).Value;

    /// <summary>§8.2.6.2: a To tag when the To has none; a To that does not parse is copied as it came.</summary>
    private static string TaggedTo(string to)
    {
        try
        {
            var address = HeaderValueParser.ParseNameAddress(to, SipCompliance.Loose, allowWildcard: false);
            if (address.Tag is null)
            {
                address.Tag = ToTag;
                return address.ToString();
            }
        }
        catch (SipParseException)
        {
        }

        return to;
    }

    private static string Quote(string reason)
    {
        var sb = new StringBuilder(reason.Length);
        foreach (var c in reason)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c < ' ' ? ' ' : c);
        }

        return sb.ToString();
    }
}
