using System.Text;
using Coffer.Formats.Mail;

namespace Coffer.Formats.Tests.Mail;

public class MailBuilderTests
{
    private static readonly DateTimeOffset When = new(2024, 3, 5, 9, 7, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Text_with_attachments_builds_a_strictly_valid_multipart_mixed()
    {
        var data = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var msg = new MailBuilder()
            .From("Alice Example", "alice@example.org")
            .To("Bob", "bob@example.com")
            .Cc(null, "carol@example.net")
            .Subject("Rechnung für März")
            .Date(When)
            .MessageId("b1@example.org")
            .Text("Hallo Bob,\nanbei die Rechnung.\n")
            .Attach("Rechnung März.pdf", "application/pdf", data)
            .Attach("notes.txt", "text/plain", "plain"u8.ToArray())
            .Build();

        var bytes = MailWriter.Write(msg);
        var strict = MailParser.Parse(bytes, ParserCompliance.Strict);
        strict.Subject.ShouldBe("Rechnung für März");
        strict.Date.ShouldBe(When);
        strict.MessageId.ShouldBe("b1@example.org");
        strict.From.Mailboxes.Single().ShouldBe(new MailboxAddress("Alice Example", "alice@example.org"));
        strict.TextBody.ShouldBe("Hallo Bob,\r\nanbei die Rechnung.\r\n");
        var attachments = strict.Attachments.Cast<MimePart>().ToList();
        attachments.Select(a => a.FileName).ShouldBe(["Rechnung März.pdf", "notes.txt"]);
        attachments[0].GetContent().ShouldBe(data);
        attachments[0].ContentType.MimeType.ShouldBe("application/pdf");
        strict.Headers["MIME-Version"].ShouldBe("1.0");
        Encoding.ASCII.GetString(bytes).Split("\r\n").ShouldAllBe(l => l.Length <= 998);
    }

    [Fact]
    public void Html_alternative_and_a_plain_text_only_message()
    {
        var alt = new MailBuilder().From(null, "a@example.org").Date(When).Text("plain").Html("<b>rich</b>").Build();
        alt.Body.ContentType.MimeType.ShouldBe("multipart/alternative");
        (alt.TextBody, alt.HtmlBody).ShouldBe(("plain", "<b>rich</b>"));

        var simple = new MailBuilder().From(null, "a@example.org").Date(When).Text("only text").Build();
        simple.Body.ShouldBeOfType<MimePart>().ContentType.MimeType.ShouldBe("text/plain");
        MailParser.Parse(MailWriter.Write(simple), ParserCompliance.Strict).TextBody.ShouldBe("only text");
    }

    [Fact]
    public void Building_twice_gives_identical_octets()
    {
        MailBuilder Make() => new MailBuilder().From(null, "a@example.org").Date(When).Text("x").Attach("a.bin", "application/octet-stream", [1, 2, 3]);
        MailWriter.Write(Make().Build()).ShouldBe(MailWriter.Write(Make().Build()));
    }
}
