using System.Text;

namespace Coffer.SyncML.Dm;

/// <summary>
/// The value of the <c>x-syncml-hmac</c> HTTP header (OMA-TS-DM_Security-V1_2 §5.5.2 "HMAC"):
/// <c>algorithm=MD5, username="NAME", mac=BASE64</c>. <see cref="TryParse"/> accepts it as devices send it:
/// parameters in any order, any case, spaces around <c>=</c> and <c>,</c>, values quoted or not; the algorithm may be
/// left out (MD5 is the default, §5.5.2).
/// </summary>
public sealed class DmHmacHeader
{
    /// <summary>The HTTP header's name.</summary>
    public const string HeaderName = "x-syncml-hmac";

    /// <summary>The only algorithm DM 1.2 defines.</summary>
    public const string Md5 = "MD5";

    public DmHmacHeader(string algorithm, string username, string mac)
    {
        Algorithm = algorithm;
        Username = username;
        Mac = mac;
    }

    public string Algorithm { get; }

    public string Username { get; }

    /// <summary>The MAC as sent (base64 of 16 bytes).</summary>
    public string Mac { get; }

    public static bool TryParse(string? value, out DmHmacHeader header)
    {
        header = new DmHmacHeader(Md5, string.Empty, string.Empty);
        if (value == null)
        {
            return false;
        }

        string? algorithm = null, username = null, mac = null;
        var pos = 0;
        while (pos < value.Length)
        {
            SkipSpaceAndCommas(value, ref pos);
            if (pos >= value.Length)
            {
                break;
            }

            var eq = value.IndexOf('=', pos);
            if (eq < 0)
            {
                return false;
            }

            var name = value[pos..eq].Trim();
            pos = eq + 1;
            if (!TryValue(value, ref pos, out var parameter))
            {
                return false;
            }

            switch (name.ToLowerInvariant())
            {
                case "algorithm":
                    algorithm = parameter;
                    break;
                case "username":
                    username = parameter;
                    break;
                case "mac":
                    mac = parameter;
                    break;
                default:
                    // Unknown parameters are ignored, as HTTP does for auth parameters.
                    break;
            }
        }

        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(mac))
        {
            return false;
        }

        header = new DmHmacHeader(string.IsNullOrEmpty(algorithm) ? Md5 : algorithm, username, mac);
        return true;
    }

    /// <summary>The header value, in the form of the spec's example.</summary>
    public override string ToString() => $"algorithm={Algorithm}, username=\"{Username.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\", mac={Mac}";

    private static void SkipSpaceAndCommas(string s, ref int pos)
    {
        while (pos < s.Length && (char.IsWhiteSpace(s[pos]) || s[pos] == ','))
        {
            pos++;
        }
    }

    private static bool TryValue(string s, ref int pos, out string value)
    {
        while (pos < s.Length && char.IsWhiteSpace(s[pos]))
        {
            pos++;
        }

        if (pos < s.Length && s[pos] == '"')
        {
            // A quoted-string (RFC 9110 §5.6.4): a backslash escapes the next character.
            var sb = new StringBuilder();
            for (pos++; pos < s.Length; pos++)
            {
                if (s[pos] == '"')
                {
                    pos++;
                    value = sb.ToString();
                    return true;
                }

                if (s[pos] == '\\' && pos + 1 < s.Length)
                {
                    pos++;
                }

                sb.Append(s[pos]);
            }

            value = string.Empty;
            return false;
        }

        var end = s.IndexOf(',', pos);
        end = end < 0 ? s.Length : end;
        value = s[pos..end].Trim();
        pos = end;
        return true;
    }
}
