namespace Coffer.Sip.Message;

/// <summary>Ordered parameters; names compare case-insensitively (RFC 3261 §7.3.1, §19.1.4).</summary>
public sealed class SipParameters : List<SipParameter>
{
    public bool Has(string name) => FindIndex(p => Matches(p, name)) >= 0;

    public string? Get(string name) => Find(p => Matches(p, name))?.Value;

    public void Set(string name, string? value)
    {
        var index = FindIndex(p => Matches(p, name));
        if (index >= 0)
        {
            this[index] = new SipParameter(this[index].Name, value);
        }
        else
        {
            Add(new SipParameter(name, value));
        }
    }

    public void Remove(string name) => RemoveAll(p => Matches(p, name));

    /// <summary>Each parameter preceded by a semicolon.</summary>
    public override string ToString() => string.Concat(this.Select(p => ";" + p));

    private static bool Matches(SipParameter p, string name) =>
        string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase);
}
