namespace Coffer.Formats.Calendar;

/// <summary>
/// One property of a calendar component. <see cref="Value"/> is kept in iCalendar 2.0 wire form (RFC 5545
/// §3.1: unfolded, but TEXT still escaped), whatever version it was read from, so a property nobody
/// interprets is written back exactly; <see cref="Text"/> gives the unescaped text.
/// </summary>
public sealed class CalendarProperty
{
    public CalendarProperty(string name, string value, params IEnumerable<CalendarParameter> parameters)
    {
        Name = name.ToUpperInvariant();
        Value = value;
        Parameters = [.. parameters];
    }

    /// <summary>Upper-case property name ("DTSTART", "X-EPOCAGENDAENTRYTYPE").</summary>
    public string Name { get; }

    public List<CalendarParameter> Parameters { get; }

    /// <summary>The value in RFC 5545 form (TEXT escaped per §3.3.11, lists comma-separated).</summary>
    public string Value { get; set; }

    /// <summary>The unescaped TEXT value (RFC 5545 §3.3.11); setting it escapes.</summary>
    public string Text
    {
        get => CalendarText.Unescape(Value);
        set => Value = CalendarText.Escape(value);
    }

    /// <summary>The unescaped items of a comma-separated TEXT list (CATEGORIES, RESOURCES).</summary>
    public IReadOnlyList<string> TextList => CalendarText.SplitList(Value);

    /// <summary>The first value of a parameter, or null.</summary>
    public string? GetParameter(string name)
    {
        foreach (var p in Parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    /// <summary>Sets (or, with null, removes) a single-valued parameter.</summary>
    public void SetParameter(string name, string? value)
    {
        Parameters.RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (value is not null)
        {
            Parameters.Add(new CalendarParameter(name, value));
        }
    }

    public override string ToString() =>
        Name + string.Concat(Parameters.Select(p => ";" + p)) + ":" + Value;
}
