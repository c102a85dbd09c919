namespace Coffer.Formats.ContentLines;

/// <summary>
/// One parameter of a content line: a name and one or more values. vCard 2.1 also allows bare
/// parameters (";HOME;VOICE", ";QUOTED-PRINTABLE") that carry a value and no name (vCard 2.1 §2.1.2);
/// those keep <see cref="Name"/> null so they are written back bare, and <see cref="EffectiveName"/>
/// tells which parameter they stand for.
/// </summary>
public sealed class ContentLineParameter
{
    private string? name;

    public ContentLineParameter(string? name, IEnumerable<string> values)
    {
        Name = name;
        Values = [.. values];
    }

    public ContentLineParameter(string? name, params string[] values)
        : this(name, (IEnumerable<string>)values)
    {
    }

    /// <summary>Upper-cased parameter name (names are case-insensitive, RFC 6350 §3.3); null for a bare vCard 2.1 value.</summary>
    public string? Name
    {
        get => name;
        set => name = value is null ? null : Names.Upper(value);
    }

    /// <summary>The values, unquoted, in order (RFC 6350 §3.3 param-value lists are comma-separated).</summary>
    public List<string> Values { get; }

    public bool IsBare => Name is null;

    /// <summary>The name this parameter means: its own name, or for a bare value the one vCard 2.1 §2.1.2 implies.</summary>
    public string EffectiveName => Name ?? ImpliedName(Values.Count > 0 ? Values[0] : string.Empty);

    /// <summary>
    /// The parameter a bare vCard 2.1 value stands for: encodings are ENCODING, value locations are
    /// VALUE, "CHARSET"-looking values cannot be bare, everything else is TYPE (vCard 2.1 §2.1.2, §2.5).
    /// </summary>
    public static string ImpliedName(string bareValue) =>
        IsAny(bareValue, "7BIT", "8BIT", "QUOTED-PRINTABLE", "BASE64", "B") ? "ENCODING"
        : IsAny(bareValue, "INLINE", "URL", "CONTENT-ID", "CID") ? "VALUE"
        : "TYPE";

    /// <summary>Whether this parameter means <paramref name="parameterName"/> (its name, or the one a bare value implies).</summary>
    public bool Means(string parameterName) => string.Equals(EffectiveName, parameterName, StringComparison.OrdinalIgnoreCase);

    /// <summary>All values of every parameter in <paramref name="parameters"/> that means <paramref name="parameterName"/>.</summary>
    public static IEnumerable<string> ValuesOf(List<ContentLineParameter> parameters, string parameterName) =>
        parameters.Where(p => p.Means(parameterName)).SelectMany(p => p.Values);

    /// <summary>The first value of the first parameter that means <paramref name="parameterName"/>, or null.</summary>
    public static string? FirstValueOf(List<ContentLineParameter> parameters, string parameterName)
    {
        // Hot: every line of every item asks for its ENCODING; no LINQ, no allocation.
        foreach (var p in parameters)
        {
            if (p.Values.Count > 0 && p.Means(parameterName))
            {
                return p.Values[0];
            }
        }

        return null;
    }

    /// <summary>Whether a parameter that means <paramref name="parameterName"/> holds <paramref name="value"/> (case-insensitive).</summary>
    public static bool HasValue(List<ContentLineParameter> parameters, string parameterName, string value)
    {
        foreach (var p in parameters)
        {
            if (p.Means(parameterName))
            {
                foreach (var v in p.Values)
                {
                    if (string.Equals(v, value, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsAny(string value, params ReadOnlySpan<string> candidates)
    {
        foreach (var c in candidates)
        {
            if (string.Equals(value, c, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public ContentLineParameter Clone() => new(Name, Values);

    public override string ToString() =>
        (Name is null ? string.Empty : Name + "=") + string.Join(',', Values);
}
