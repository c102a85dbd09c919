using Coffer.Formats.Mail;

namespace Coffer.Formats.Tests.Mail;

public class MailAddressTests
{
    [Theory]
    [InlineData("\"Smith, John\" <john@example.com>", "Smith, John", "john@example.com")]
    [InlineData("John Smith <john@example.com>", "John Smith", "john@example.com")]
    [InlineData("john@example.com (John Smith)", "John Smith", "john@example.com")]
    [InlineData("<john@example.com>", null, "john@example.com")]
    [InlineData("\"john..smith\"@example.com", null, "\"john..smith\"@example.com")]
    [InlineData("\"john\"@example.com", null, "john@example.com")]
    [InlineData("=?utf-8?Q?J=C3=BCrgen?= <j@example.de>", "Jürgen", "j@example.de")]
    [InlineData("user@[192.0.2.1]", null, "user@[192.0.2.1]")]
    public void Mailbox_forms_parse_strictly(string text, string? name, string address)
    {
        var mailbox = InternetAddressList.Parse(text, ParserCompliance.Strict).Mailboxes.Single();
        mailbox.Name.ShouldBe(name);
        mailbox.Address.ShouldBe(address);
    }

    [Theory]
    [InlineData("Smith, John <john@example.com>")]
    [InlineData("john@")]
    [InlineData("<john@example.com")]
    [InlineData("postmaster")]
    [InlineData("Team: a@example.com")]
    public void Strict_rejects_broken_lists_that_loose_salvages(string text)
    {
        Should.Throw<PimFormatException>(() => InternetAddressList.Parse(text, ParserCompliance.Strict));
        Should.NotThrow(() => InternetAddressList.Parse(text, ParserCompliance.Loose));
    }

    [Fact]
    public void Loose_keeps_the_mailbox_after_an_unquoted_comma_in_a_name()
    {
        var list = InternetAddressList.Parse("Smith, John <john@example.com>, jane@example.com");
        list.Mailboxes.Select(m => m.Address).ShouldContain("john@example.com");
        list.Mailboxes.Select(m => m.Address).ShouldContain("jane@example.com");
        list.Mailboxes.Single(m => m.Address == "john@example.com").Name.ShouldBe("John");
    }

    [Fact]
    public void Formatting_quotes_specials_and_encodes_non_ascii_names_so_they_parse_back()
    {
        var list = new InternetAddressList
        {
            new MailboxAddress("Smith, John", "john@example.com"),
            new MailboxAddress("Jürgen \"JJ\" Müller", "jj@example.de"),
            new GroupAddress("Friends", [new MailboxAddress(null, "a@example.org")]),
        };
        var text = list.ToString();
        text.ShouldStartWith("\"Smith, John\" <john@example.com>, =?utf-8?B?");
        InternetAddressList.Parse(text, ParserCompliance.Strict).ShouldBe(list);
    }
}
