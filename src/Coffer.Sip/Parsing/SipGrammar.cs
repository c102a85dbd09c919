namespace Coffer.Sip.Parsing;

/// <summary>Character classes of the RFC 3261 §25.1 ABNF.</summary>
internal static class SipGrammar
{
    public static bool IsAlphaNum(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static bool IsTokenChar(char c) => IsAlphaNum(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    public static bool IsToken(string s) => s.Length > 0 && s.All(IsTokenChar);

    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    /// <summary>unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")".</summary>
    public static bool IsUnreserved(char c) => IsAlphaNum(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')';

    /// <summary>user = 1*(unreserved / escaped / user-unreserved); user-unreserved = "&amp;" / "=" / "+" / "$" / "," / ";" / "?" / "/".</summary>
    public static bool IsUserChar(char c) => IsUnreserved(c) || c is '%' or '&' or '=' or '+' or '$' or ',' or ';' or '?' or '/';

    /// <summary>password = *(unreserved / escaped / "&amp;" / "=" / "+" / "$" / ",").</summary>
    public static bool IsPasswordChar(char c) => IsUnreserved(c) || c is '%' or '&' or '=' or '+' or '$' or ',';

    /// <summary>paramchar = param-unreserved / unreserved / escaped; param-unreserved = "[" / "]" / "/" / ":" / "&amp;" / "+" / "$".</summary>
    public static bool IsParamChar(char c) => IsUnreserved(c) || c is '%' or '[' or ']' or '/' or ':' or '&' or '+' or '$';

    /// <summary>hnv-unreserved / unreserved / escaped: the characters of a URI header name or value.</summary>
    public static bool IsHeaderChar(char c) => IsUnreserved(c) || c is '%' or '[' or ']' or '/' or '?' or ':' or '+' or '$';

    /// <summary>word: the characters of a Call-ID (§25.1).</summary>
    public static bool IsWordChar(char c) =>
        IsAlphaNum(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~' or '(' or ')' or '<'
            or '>' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '{' or '}';

    public static bool IsHostChar(char c) => IsAlphaNum(c) || c is '-' or '.';

    /// <summary>Checks the escapes of a URI component: each "%" followed by two hex digits (§19.1.2).</summary>
    public static bool EscapesValid(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && (i + 2 >= s.Length || !Uri.IsHexDigit(s[i + 1]) || !Uri.IsHexDigit(s[i + 2])))
            {
                return false;
            }
        }
        return true;
    }
}
