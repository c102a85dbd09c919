namespace Coffer.Sip.Message;

/// <summary>
/// The header fields of a message in order. A header field given as several comma-separated values is kept as one
/// entry per value (RFC 3261 §7.3.1 makes both forms equivalent), so the order of values is preserved.
/// </summary>
public sealed class SipHeaders : List<SipHeader>
{
    public IEnumerable<string> Values(string name)
    {
        var canonical = HeaderNames.Canonical(name);
        foreach (var h in this)
        {
            if (string.Equals(h.Name, canonical, StringComparison.OrdinalIgnoreCase))
            {
                yield return h.Value;
            }
        }
    }

    public string? First(string name) => Values(name).FirstOrDefault();

    public int CountOf(string name) => Values(name).Count();

    public void Add(string name, string value) => Add(new SipHeader(HeaderNames.Canonical(name), value));

    /// <summary>Replaces every value of the header with one value, at the place of the first one (or at the end).</summary>
    public void Set(string name, string value)
    {
        var canonical = HeaderNames.Canonical(name);
        var index = FindIndex(h => string.Equals(h.Name, canonical, StringComparison.OrdinalIgnoreCase));
        RemoveAll(canonical);
        if (index < 0 || index > Count)
        {
            Add(new SipHeader(canonical, value));
        }
        else
        {
            Insert(index, new SipHeader(canonical, value));
        }
    }

    public int RemoveAll(string name)
    {
        var canonical = HeaderNames.Canonical(name);
        return RemoveAll(h => string.Equals(h.Name, canonical, StringComparison.OrdinalIgnoreCase));
    }
}
