namespace Coffer.Formats.ContentLines;

/// <summary>
/// One unfolded content line "[group.]name*(;param):value" (RFC 6350 §3.3, RFC 5545 §3.1, vCard 2.1 §2.1).
/// <see cref="Value"/> is raw: still escaped and still in its transfer encoding (quoted-printable soft line
/// breaks are already joined, see <see cref="ContentLineReader"/>).
/// </summary>
public sealed class ContentLine
{
    private string name = string.Empty;

    public ContentLine()
    {
    }

    public ContentLine(string name, string value, params ContentLineParameter[] parameters)
    {
        Name = name;
        Value = value;
        Parameters.AddRange(parameters);
    }

    /// <summary>The group prefix ("item1" in "item1.EMAIL"), or null (RFC 6350 §3.3).</summary>
    public string? Group { get; set; }

    /// <summary>Upper-cased property name (names are case-insensitive, RFC 6350 §3.3).</summary>
    public string Name
    {
        get => name;
        set => name = Names.Upper(value);
    }

    public List<ContentLineParameter> Parameters { get; } = [];

    /// <summary>The raw value: escaped, transfer-encoded.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>1-based line of the input where this line started, 0 when built in code.</summary>
    public int LineNumber { get; set; }

    /// <summary>All values of every parameter whose <see cref="ContentLineParameter.EffectiveName"/> is <paramref name="parameterName"/>.</summary>
    public IEnumerable<string> GetParameterValues(string parameterName) => ContentLineParameter.ValuesOf(Parameters, parameterName);

    /// <summary>The first value of the named parameter (bare 2.1 values included), or null.</summary>
    public string? GetParameter(string parameterName) => ContentLineParameter.FirstValueOf(Parameters, parameterName);

    public bool HasParameterValue(string parameterName, string value) => ContentLineParameter.HasValue(Parameters, parameterName, value);

    /// <summary>Removes every parameter (bare ones included) that means <paramref name="parameterName"/>.</summary>
    public int RemoveParameter(string parameterName) => Parameters.RemoveAll(p => p.Means(parameterName));

    /// <summary>The transfer encoding, upper-cased: "QUOTED-PRINTABLE", "BASE64", "B", "8BIT"... or null.</summary>
    public string? Encoding => GetParameter("ENCODING")?.ToUpperInvariant();

    public bool IsQuotedPrintable => string.Equals(GetParameter("ENCODING"), "QUOTED-PRINTABLE", StringComparison.OrdinalIgnoreCase);

    /// <summary>BASE64 (vCard 2.1 §2.1.3) or "b" (RFC 2426 §5 / RFC 2047).</summary>
    public bool IsBase64 => GetParameter("ENCODING") is { } e && (e.Equals("BASE64", StringComparison.OrdinalIgnoreCase) || e.Equals("B", StringComparison.OrdinalIgnoreCase));

    public ContentLine Clone()
    {
        var copy = new ContentLine { Group = Group, Name = Name, Value = Value, LineNumber = LineNumber };
        copy.Parameters.AddRange(Parameters.Select(p => p.Clone()));
        return copy;
    }

    public override string ToString() => ContentLineWriter.FormatUnfolded(this);
}
