namespace Coffer.Formats.Mail;

/// <summary>RFC 5322 §3.4 group: "display-name: mailbox, mailbox;" (the list may be empty, e.g. "undisclosed-recipients:;").</summary>
public sealed class GroupAddress : InternetAddress
{
    public GroupAddress(string name, IEnumerable<MailboxAddress>? members = null)
    {
        Name = name;
        Members = members?.ToList() ?? [];
    }

    public List<MailboxAddress> Members { get; }

    public override string ToString() =>
        FormatPhrase(Name ?? string.Empty) + ":" + (Members.Count > 0 ? " " + string.Join(", ", Members) : string.Empty) + ";";

    public override bool Equals(object? obj) =>
        obj is GroupAddress other && other.Name == Name && other.Members.SequenceEqual(Members);

    public override int GetHashCode() => HashCode.Combine(Name, Members.Count);
}
