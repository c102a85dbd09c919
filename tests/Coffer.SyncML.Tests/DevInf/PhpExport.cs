using System.Globalization;
using System.Text;

namespace Coffer.SyncML.Tests.DevInf;

/// <summary>
/// Reads PHP <c>var_export</c> output (Horde's expected parse results): strings, integers, NULL, true/false,
/// <c>array(k =&gt; v, ...)</c> and <c>Class::__set_state(array(...))</c> (read as its property array).
/// Arrays become ordered key/value lists.
/// </summary>
internal sealed class PhpExport
{
    private readonly string _s;
    private int _i;

    private PhpExport(string s) => _s = s;

    public static object? Parse(string text)
    {
        var p = new PhpExport(text);
        var v = p.Value();
        p.Skip();
        return p._i == p._s.Length ? v : throw new FormatException("trailing text at " + p._i);
    }

    private object? Value()
    {
        Skip();
        if (_s[_i] == '\'')
        {
            return Str();
        }

        if (Take("NULL"))
        {
            return null;
        }

        if (Take("true"))
        {
            return true;
        }

        if (Take("false"))
        {
            return false;
        }

        if (Take("array"))
        {
            return Array();
        }

        if (char.IsDigit(_s[_i]) || _s[_i] == '-')
        {
            var start = _i++;
            while (char.IsDigit(_s[_i]))
            {
                _i++;
            }

            return long.Parse(_s[start.._i], CultureInfo.InvariantCulture);
        }

        var nameStart = _i;
        while (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '_')
        {
            _i++;
        }

        if (_i > nameStart && Take("::__set_state"))
        {
            Expect('(');
            var inner = Value();
            Expect(')');
            return inner;
        }

        throw new FormatException("unexpected PHP at " + _i);
    }

    private List<KeyValuePair<string, object?>> Array()
    {
        Expect('(');
        var list = new List<KeyValuePair<string, object?>>();
        while (true)
        {
            Skip();
            if (_s[_i] == ')')
            {
                _i++;
                return list;
            }

            var key = Value();
            Skip();
            if (!Take("=>"))
            {
                throw new FormatException("expected => at " + _i);
            }

            list.Add(new(Convert.ToString(key, CultureInfo.InvariantCulture)!, Value()));
            Skip();
            if (_s[_i] == ',')
            {
                _i++;
            }
        }
    }

    private string Str()
    {
        var sb = new StringBuilder();
        _i++;
        while (_s[_i] != '\'')
        {
            if (_s[_i] == '\\' && (_s[_i + 1] == '\\' || _s[_i + 1] == '\''))
            {
                _i++;
            }

            sb.Append(_s[_i++]);
        }

        _i++;
        return sb.ToString();
    }

    private bool Take(string token)
    {
        Skip();
        if (string.CompareOrdinal(_s, _i, token, 0, token.Length) == 0)
        {
            _i += token.Length;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        Skip();
        if (_s[_i] != c)
        {
            throw new FormatException($"expected {c} at {_i}");
        }

        _i++;
    }

    private void Skip()
    {
        while (_i < _s.Length && char.IsWhiteSpace(_s[_i]))
        {
            _i++;
        }
    }
}
