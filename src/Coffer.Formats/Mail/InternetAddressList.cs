using System.Collections.ObjectModel;

namespace Coffer.Formats.Mail;

/// <summary>An RFC 5322 §3.4 address-list: mailboxes and groups in the order written.</summary>
public sealed class InternetAddressList : Collection<InternetAddress>
{
    public InternetAddressList()
    {
    }

    public InternetAddressList(IEnumerable<InternetAddress> addresses)
        : base(addresses.ToList())
    {
    }

    /// <summary>Every mailbox, with group members flattened in place.</summary>
    public IEnumerable<MailboxAddress> Mailboxes =>
        this.SelectMany(a => a switch
        {
            MailboxAddress m => [m],
            GroupAddress g => g.Members,
            _ => Enumerable.Empty<MailboxAddress>(),
        });

    /// <summary>Parses an address-list header value (RFC 5322 §3.4).</summary>
    public static InternetAddressList Parse(string value, ParserCompliance compliance = ParserCompliance.Loose) =>
        AddressParser.ParseList(value, compliance, "address");

    public override string ToString() => string.Join(", ", this);
}
