namespace Coffer.Formats.Mail;

/// <summary>RFC 5322 §3.4 mailbox: an optional display name and an addr-spec "local-part@domain".</summary>
public sealed class MailboxAddress : InternetAddress
{
    public MailboxAddress(string? name, string address)
    {
        Name = string.IsNullOrEmpty(name) ? null : name;
        Address = address;
    }

    /// <summary>The addr-spec, e.g. "alice@example.org" (a quoted local part keeps its quotes only when it needs them).</summary>
    public string Address { get; set; }

    /// <summary>The part before the last '@'.</summary>
    public string LocalPart
    {
        get
        {
            var at = Address.LastIndexOf('@');
            return at < 0 ? Address : Address[..at];
        }
    }

    /// <summary>The part after the last '@', or null for a Loose address without a domain.</summary>
    public string? Domain
    {
        get
        {
            var at = Address.LastIndexOf('@');
            return at < 0 ? null : Address[(at + 1)..];
        }
    }

    /// <summary>RFC 5322 §4.4 obs-route ("@a.example,@b.example:") when the sender wrote one; ignored semantically.</summary>
    public IReadOnlyList<string> Route { get; init; } = [];

    public override string ToString()
    {
        if (Name == null)
        {
            return Address;
        }

        return FormatPhrase(Name) + " <" + Address + ">";
    }

    public override bool Equals(object? obj) =>
        obj is MailboxAddress other && other.Name == Name && string.Equals(other.Address, Address, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Name, Address);
}
