namespace Coffer.Sip.Message;

/// <summary>A generic-param or uri-parameter: a name and, unless it stands alone, a value (kept as written).</summary>
public sealed record SipParameter(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
