using Coffer.Formats.ContentLines;

namespace Coffer.Formats.VCard;

/// <summary>
/// One vCard property in version-independent form: parameters are named (bare vCard 2.1 values become
/// TYPE/ENCODING/VALUE), transfer encodings are removed, and the value is structured: a list of
/// components (split on ";"), each a list of items (split on ","), all unescaped. A property whose value
/// is a single text has one component with one item. Inline binary data (PHOTO, LOGO, SOUND, KEY) is in
/// <see cref="Binary"/> with <see cref="MediaType"/>, and <see cref="Values"/> is then empty.
/// </summary>
public sealed class VCardProperty
{
    private string name = string.Empty;

    public VCardProperty(string name, params string[] components)
    {
        Name = name;
        foreach (var c in components)
        {
            Values.Add([c]);
        }
    }

    public string? Group { get; set; }

    /// <summary>Upper-cased name ("TEL", "X-EVOLUTION-FILE-AS").</summary>
    public string Name
    {
        get => name;
        set => name = Names.Upper(value);
    }

    /// <summary>Named parameters in input order; TYPE values of one property are gathered into one TYPE parameter.</summary>
    public List<ContentLineParameter> Parameters { get; } = [];

    /// <summary>Components, each a list of items, unescaped; line breaks are "\n".</summary>
    public List<List<string>> Values { get; } = [];

    /// <summary>Inline binary content (vCard 2.1 BASE64, 3.0 ENCODING=b, 4.0 data: URI), or null.</summary>
    public byte[]? Binary { get; set; }

    /// <summary>MIME type of <see cref="Binary"/> or of a linked resource ("image/jpeg"), when known.</summary>
    public string? MediaType { get; set; }

    /// <summary>1-based input line, 0 when built in code.</summary>
    public int LineNumber { get; set; }

    /// <summary>
    /// The value as one string: the single item of a simple property; for structured values components
    /// joined with ";" and items with "," (unescaped, so lossy for values containing those characters).
    /// Setting it replaces the value with one component.
    /// </summary>
    public string Value
    {
        get => Values.Count == 1 && Values[0].Count == 1 ? Values[0][0] : string.Join(';', Values.Select(c => string.Join(',', c)));
        set
        {
            Values.Clear();
            Values.Add([value]);
        }
    }

    /// <summary>The i-th component's items joined with ",", or "" when absent.</summary>
    public string Component(int index) => index < Values.Count ? string.Join(',', Values[index]) : string.Empty;

    /// <summary>All TYPE values (vCard 2.1 bare values included at parse time).</summary>
    public IEnumerable<string> Types => GetParameterValues("TYPE");

    public IEnumerable<string> GetParameterValues(string parameterName) => ContentLineParameter.ValuesOf(Parameters, parameterName);

    public string? GetParameter(string parameterName) => ContentLineParameter.FirstValueOf(Parameters, parameterName);

    public bool HasType(string type) => ContentLineParameter.HasValue(Parameters, "TYPE", type);

    /// <summary>Preferred: TYPE=PREF (2.1/3.0) or a PREF parameter (4.0, RFC 6350 §5.3).</summary>
    public bool IsPreferred => HasType("PREF") || GetParameter("PREF") is not null;

    /// <summary>Adds a parameter value, appending to an existing parameter of that name.</summary>
    public VCardProperty AddParameter(string parameterName, string value)
    {
        var existing = Parameters.FirstOrDefault(p => p.Means(parameterName));
        if (existing is null)
        {
            Parameters.Add(new ContentLineParameter(parameterName, value));
        }
        else
        {
            existing.Values.Add(value);
        }

        return this;
    }

    public VCardProperty Clone()
    {
        var copy = new VCardProperty(Name) { Group = Group, Binary = Binary?.ToArray(), MediaType = MediaType, LineNumber = LineNumber };
        copy.Parameters.AddRange(Parameters.Select(p => p.Clone()));
        copy.Values.AddRange(Values.Select(c => c.ToList()));
        return copy;
    }

    public override string ToString() => (Group is null ? string.Empty : Group + ".") + Name + ":" + (Binary is null ? Value : $"<{Binary.Length} bytes {MediaType}>");
}
