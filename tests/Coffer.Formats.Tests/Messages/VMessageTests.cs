using Coffer.Formats.Messages;

namespace Coffer.Formats.Tests.Messages;

public class VMessageTests
{
    private const string InboxSms =
        "BEGIN:VMSG\r\n" +
        "VERSION:1.1\r\n" +
        "X-IRMC-STATUS:UNREAD\r\n" +
        "X-IRMC-BOX:INBOX\r\n" +
        "X-IRMC-TYPE:SMS\r\n" +
        "BEGIN:VCARD\r\n" +
        "VERSION:2.1\r\n" +
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n" +
        "TEL;CELL:+491701234567\r\n" +
        "END:VCARD\r\n" +
        "BEGIN:VENV\r\n" +
        "BEGIN:VCARD\r\n" +
        "VERSION:2.1\r\n" +
        "N:\r\n" +
        "TEL:+491609876543\r\n" +
        "END:VCARD\r\n" +
        "BEGIN:VENV\r\n" +
        "BEGIN:VBODY\r\n" +
        "Date:21.11.2007 15:22:10\r\n" +
        "Treffen um 8? Bring: Kuchen\r\n" +
        "END:VBODY\r\n" +
        "END:VENV\r\n" +
        "END:VENV\r\n" +
        "END:VMSG\r\n";

    private const string SentQuotedPrintable =
        "BEGIN:VMSG\r\n" +
        "VERSION:1.1\r\n" +
        "X-IRMC-STATUS:READ\r\n" +
        "X-IRMC-BOX:SENT\r\n" +
        "BEGIN:VCARD\r\n" +
        "VERSION:2.1\r\n" +
        "N:\r\n" +
        "END:VCARD\r\n" +
        "BEGIN:VENV\r\n" +
        "BEGIN:VCARD\r\n" +
        "VERSION:2.1\r\n" +
        "N:Bob\r\n" +
        "TEL:+15550001\r\n" +
        "END:VCARD\r\n" +
        "BEGIN:VCARD\r\n" +
        "VERSION:2.1\r\n" +
        "N:Carol\r\n" +
        "TEL:+15550002\r\n" +
        "END:VCARD\r\n" +
        "BEGIN:VBODY\r\n" +
        "Date:20240305T080700Z\r\n" +
        "Subject:=?ISO-8859-1?Q?Gr=FC=DFe?=\r\n" +
        "Content-Type: text/plain; charset=ISO-8859-1\r\n" +
        "Content-Transfer-Encoding: quoted-printable\r\n" +
        "\r\n" +
        "Sch=F6ne Gr=FC=DFe,=0D=0A=\r\n" +
        "END:VBODY sagt man nicht\r\n" +
        "END:VBODY\r\n" +
        "END:VENV\r\n" +
        "END:VMSG\r\n";

    [Fact]
    public void Inbox_sms_with_nested_envelopes_gives_originator_recipient_date_and_text()
    {
        var msg = VMessageParser.Parse(InboxSms, ParserCompliance.Strict).Single();
        (msg.Status, msg.Box, msg.Type, msg.IsRead).ShouldBe(("UNREAD", "INBOX", "SMS", false));
        msg.Originator!.Name!.Family.ShouldBe("Müller");
        msg.Originator.Telephones.Single().Number.ShouldBe("+491701234567");
        msg.Recipients.Single().Telephones.Single().Number.ShouldBe("+491609876543");
        msg.Body.Date.ShouldBe(new DateTime(2007, 11, 21, 15, 22, 10));
        msg.Body.Subject.ShouldBeNull();

        // "Bring: Kuchen" has a colon but is not a known body header: it stays text.
        msg.Body.Text.ShouldBe("Treffen um 8? Bring: Kuchen");
    }

    [Fact]
    public void Quoted_printable_latin1_body_decodes_even_across_a_soft_break_before_an_end_lookalike()
    {
        // The QP soft break joins "END:VBODY sagt man nicht" into the text, but a line-based reader sees
        // "END:VBODY..." only as a line whose trimmed form is not exactly END:VBODY.
        var msg = VMessageParser.Parse(SentQuotedPrintable, ParserCompliance.Strict).Single();
        msg.IsRead.ShouldBeTrue();
        msg.Box.ShouldBe("SENT");
        msg.Recipients.Select(r => r.Name!.Family).ShouldBe(["Bob", "Carol"]);
        msg.Body.Subject.ShouldBe("Grüße");
        msg.Body.Date.ShouldBe(new DateTime(2024, 3, 5, 8, 7, 0, DateTimeKind.Utc));
        msg.Body.Date!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        msg.Body.Text.ShouldBe("Schöne Grüße,\nEND:VBODY sagt man nicht");
    }

    [Theory]
    [InlineData(VMessageBodyEncoding.Auto)]
    [InlineData(VMessageBodyEncoding.QuotedPrintable)]
    public void Write_parse_keeps_every_field(VMessageBodyEncoding encoding)
    {
        var original = VMessageParser.Parse(SentQuotedPrintable).Single();
        var text = VMessageWriter.Write(original, encoding);
        var back = VMessageParser.Parse(text, ParserCompliance.Strict).Single();
        (back.Status, back.Box).ShouldBe((original.Status, original.Box));
        back.Recipients.Select(r => r.Telephones.Single().Number).ShouldBe(["+15550001", "+15550002"]);
        (back.Body.Subject, back.Body.DateText, back.Body.Text).ShouldBe((original.Body.Subject, original.Body.DateText, original.Body.Text));
        text.ShouldContain("Content-Transfer-Encoding: quoted-printable");
    }

    [Fact]
    public void Plain_utf8_text_is_written_plain_and_survives_bytes()
    {
        var msg = new VMessage { Status = "READ", Box = "INBOX" };
        msg.Body.Date = new DateTime(2024, 1, 2, 3, 4, 5);
        msg.Body.Text = "Hallo 👋\nzweite Zeile: ok";
        var text = VMessageWriter.Write(msg);
        text.ShouldContain("Date:02.01.2024 03:04:05\r\nHallo 👋\r\nzweite Zeile: ok\r\nEND:VBODY");
        var back = VMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes(text), ParserCompliance.Strict).Single();
        back.Body.Text.ShouldBe(msg.Body.Text);
        back.Body.Date.ShouldBe(msg.Body.Date);
        back.Originator.ShouldNotBeNull();
    }

    [Fact]
    public void Text_that_would_read_as_a_header_or_end_line_is_protected_by_quoted_printable()
    {
        var msg = new VMessage { Status = "READ", Box = "INBOX" };
        msg.Body.Text = "Date: tomorrow?\nEND:VMSG";
        var back = VMessageParser.Parse(VMessageWriter.Write(msg), ParserCompliance.Strict).Single();
        back.Body.Text.ShouldBe(msg.Body.Text);
        back.Body.DateText.ShouldBeNull();
    }

    [Theory]
    [InlineData("BEGIN:VMSG\r\nVERSION:1.1\r\nX-IRMC-STATUS:READ\r\nX-IRMC-BOX:INBOX\r\nBEGIN:VENV\r\nBEGIN:VBODY\r\nhi\r\n")]
    [InlineData("BEGIN:VMSG\r\nVERSION:1.1\r\nX-IRMC-BOX:INBOX\r\nEND:VMSG\r\n")]
    [InlineData("BEGIN:VMSG\r\nVERSION:1.1\r\nX-IRMC-STATUS:MAYBE\r\nX-IRMC-BOX:INBOX\r\nEND:VMSG\r\n")]
    [InlineData("BEGIN:VMSG\r\nVERSION:2.0\r\nX-IRMC-STATUS:READ\r\nX-IRMC-BOX:INBOX\r\nEND:VMSG\r\n")]
    [InlineData("BEGIN:VMSG\r\nVERSION:1.1\r\nX-IRMC-STATUS:READ\r\nX-IRMC-BOX:INBOX\r\nBEGIN:VTODO\r\nEND:VTODO\r\nEND:VMSG\r\n")]
    [InlineData("VERSION:1.1\r\n")]
    public void Strict_rejects_what_loose_accepts(string text)
    {
        Should.Throw<PimFormatException>(() => VMessageParser.Parse(text, ParserCompliance.Strict));
        Should.NotThrow(() => VMessageParser.Parse(text));
    }

    [Fact]
    public void Random_mutations_raise_only_pim_format_exception()
    {
        var random = new Random(1101);
        var sources = new[] { InboxSms, SentQuotedPrintable };
        for (var round = 0; round < 500; round++)
        {
            var chars = sources[round % 2].ToCharArray().ToList();
            for (var e = random.Next(1, 6); e > 0 && chars.Count > 0; e--)
            {
                var at = random.Next(chars.Count);
                if (random.Next(2) == 0)
                {
                    chars.RemoveRange(at, Math.Min(random.Next(1, 30), chars.Count - at));
                }
                else
                {
                    chars.Insert(at, "\r\n:;=\\ABEGIN:END:VCARD"[random.Next(22)]);
                }
            }

            var input = new string(chars.ToArray());
            foreach (var m in VMessageParser.Parse(input))
            {
                VMessageWriter.Write(m);
            }

            try
            {
                VMessageParser.Parse(input, ParserCompliance.Strict);
            }
            catch (PimFormatException)
            {
            }
        }
    }
}
