namespace Coffer.Formats.ContentLines;

/// <summary>A BEGIN:x ... END:x block (RFC 6350 §6.1.1, RFC 5545 §3.4/§3.6) with its properties and nested blocks.</summary>
public sealed class Component
{
    private string name = string.Empty;

    public Component(string name)
    {
        Name = name;
    }

    /// <summary>Upper-cased component name ("VCARD", "VCALENDAR", "VEVENT").</summary>
    public string Name
    {
        get => name;
        set => name = value.ToUpperInvariant();
    }

    /// <summary>The component's own content lines, in input order, without BEGIN/END.</summary>
    public List<ContentLine> Properties { get; } = [];

    public List<Component> Components { get; } = [];

    /// <summary>1-based line of the BEGIN line, 0 when built in code.</summary>
    public int LineNumber { get; set; }

    public ContentLine? GetProperty(string propertyName)
    {
        foreach (var p in Properties)
        {
            if (string.Equals(p.Name, propertyName, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }

    public IEnumerable<ContentLine> GetProperties(string propertyName) =>
        Properties.Where(p => string.Equals(p.Name, propertyName, StringComparison.OrdinalIgnoreCase));
}
