using System.Text;
using Coffer.Formats.Mail;

namespace Coffer.Formats.Tests.Mail;

public class MailGoldenTests
{
    [Fact]
    public void Multipart_alternative_with_pdf_attachment_exposes_text_html_and_attachment()
    {
        var msg = MailParser.Parse(Golden.Load("alternative-with-attachment.eml"), ParserCompliance.Strict);

        msg.Subject.ShouldBe("Price list");
        msg.From.Mailboxes.Single().ShouldBe(new MailboxAddress("Alice Example", "alice@example.org"));
        msg.To.Mailboxes.Select(m => m.Address).ShouldBe(["bob@example.com", "carol@example.net"]);
        msg.Cc.Mailboxes.Single().Name.ShouldBe("Müller, Hans");
        msg.Date.ShouldBe(new DateTimeOffset(2024, 3, 5, 9, 7, 0, TimeSpan.FromHours(1)));
        msg.MessageId.ShouldBe("20240305090700.1234@example.org");

        var mixed = msg.Body.ShouldBeOfType<Multipart>();
        mixed.Boundary.ShouldBe("outer-boundary");
        Encoding.ASCII.GetString(mixed.Preamble!).ShouldBe("This is a multi-part message in MIME format.");
        Encoding.ASCII.GetString(mixed.Epilogue!).ShouldBe("This is the epilogue.\r\n");
        var alternative = mixed.Parts[0].ShouldBeOfType<Multipart>();
        alternative.ContentType.MimeType.ShouldBe("multipart/alternative");
        alternative.Boundary.ShouldBe("inner_boundary");
        alternative.Parts.Count.ShouldBe(2);

        msg.TextBody.ShouldBe(
            "Hallo Bob,\r\ndie Preise steigen um 5 € — siehe Anhang.\r\n" +
            "Eine sehr lange Zeile, die länger als sechsundsiebzig Zeichen ist und deshalb weich umbrochen werden muss.\r\n");
        msg.HtmlBody.ShouldBe("<html><body><p>Hallo Bob, die Preise: 5 &euro;</p></body></html>\r\n");

        var pdf = msg.Attachments.Single().ShouldBeOfType<MimePart>();
        pdf.FileName.ShouldBe("prices.pdf");
        pdf.ContentTransferEncoding.ShouldBe(ContentEncoding.Base64);
        var bytes = pdf.GetContent();
        Encoding.Latin1.GetString(bytes).ShouldStartWith("%PDF-1.4\n");
        bytes.Length.ShouldBe(int.Parse(pdf.ContentDisposition!.Parameters["size"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Folded_received_header_keeps_its_raw_octets_and_unfolds_its_value()
    {
        var msg = MailParser.Parse(Golden.Load("alternative-with-attachment.eml"));
        var received = msg.Headers.Find("received")!;
        Encoding.ASCII.GetString(received.RawValue).ShouldContain("\r\n\tby mail.example.com");
        received.Value.ShouldBe("from mx.example.org (mx.example.org [192.0.2.1])\tby mail.example.com with ESMTP id 12345\tfor <bob@example.com>; Tue, 5 Mar 2024 09:07:00 +0100");
        msg.Headers.Select(h => h.Field).Take(3).ShouldBe(["Return-Path", "Received", "Date"]);
    }

    [Fact]
    public void Nested_message_rfc822_is_parsed_as_a_message_and_listed_as_attachment()
    {
        var msg = MailParser.Parse(Golden.Load("forwarded-message.eml"), ParserCompliance.Strict);
        msg.TextBody.ShouldBe("See below.");
        msg.InReplyTo.ShouldBe("orig-1@example.org");
        msg.References.ShouldBe(["root@example.org", "orig-1@example.org"]);

        var forwarded = msg.Attachments.Single().ShouldBeOfType<MessagePart>().Message;
        forwarded.Subject.ShouldBe("Lunch");
        forwarded.From.Mailboxes.Single().Address.ShouldBe("carol@example.net");
        forwarded.TextBody.ShouldBe("Lunch at noon?");
        forwarded.HtmlBody.ShouldBe("<p>Lunch at noon?</p>");

        // The outer text body must not be taken from inside the attached message.
        msg.HtmlBody.ShouldBeNull();
    }

    [Fact]
    public void Encoded_word_subjects_in_iso2022jp_utf8_and_latin1_decode()
    {
        var msg = MailParser.Parse(Golden.Load("encoded-words.eml"), ParserCompliance.Strict);
        msg.Subject.ShouldBe("こんにちは世界");
        msg.Headers["Comments"].ShouldBe("Café crème and 😊");
        msg.From.Mailboxes.Single().Name.ShouldBe("山田太郎");
        msg.TextBody.ShouldBe("よろしく\r\n");
    }

    [Fact]
    public void Utf8_character_split_across_two_encoded_words_is_joined_before_decoding()
    {
        var msg = MailParser.Parse(Golden.Load("encoded-words.eml"));
        msg.Headers["X-Split"].ShouldBe("Grüße €");
    }

    [Fact]
    public void Whitespace_between_encoded_words_is_dropped_but_kept_next_to_plain_text()
    {
        // RFC 2047 §8 examples.
        var msg = MailParser.Parse(Golden.Load("encoded-words.eml"));
        msg.Headers["X-Adjacent"].ShouldBe("(ab) a  b");
        msg.Headers["X-Unknown"].ShouldBe("=?x-klingon?Q?tlhIngan?=");
    }

    [Fact]
    public void Groups_comments_and_quoted_names_in_address_lists()
    {
        var msg = MailParser.Parse(Golden.Load("encoded-words.eml"));
        var to = msg.To;
        to.Count.ShouldBe(3);
        to[0].ShouldBe(new MailboxAddress("André Pirard", "PIRARD@vm1.ulg.ac.be"));
        var team = to[1].ShouldBeOfType<GroupAddress>();
        team.Name.ShouldBe("Team");
        team.Members.ShouldBe([new MailboxAddress("Ann (lead)", "ann@example.org"), new MailboxAddress("Ben Jones", "ben@example.org")]);
        var empty = to[2].ShouldBeOfType<GroupAddress>();
        empty.Name.ShouldBe("undisclosed-recipients");
        empty.Members.ShouldBeEmpty();
        to.Mailboxes.Count().ShouldBe(3);
        msg.ReplyTo.Mailboxes.Single().ShouldBe(new MailboxAddress("Quoted \"Name\"", "reply@example.org"));
    }

    [Fact]
    public void Rfc2231_continuations_and_charsets_give_the_real_filenames()
    {
        var msg = MailParser.Parse(Golden.Load("rfc2231-filenames.eml"), ParserCompliance.Strict);
        var parts = msg.Body.ShouldBeOfType<Multipart>().Parts.Cast<MimePart>().ToList();
        parts[0].FileName.ShouldBe("€ rates for 2024.txt");
        parts[0].ContentType.Name.ShouldBe("Grüße.bin");
        parts[0].GetContent().ShouldBe(new byte[] { 0, 1, 2 });
        parts[1].FileName.ShouldBe("äöü.txt");
        parts[2].FileName.ShouldBe("photo.png");
        parts[2].IsAttachment.ShouldBeFalse();
        parts[2].ContentId.ShouldBe("img1@example.org");
        msg.Attachments.Count().ShouldBe(2);
    }

    [Fact]
    public void Missing_final_boundary_is_repaired_in_loose_and_rejected_in_strict()
    {
        var data = Golden.Load("missing-final-boundary.eml");
        var ex = Should.Throw<PimFormatException>(() => MailParser.Parse(data, ParserCompliance.Strict));
        // Reported at the last delimiter, whose part never ends.
        ex.Line.ShouldBe(12);

        var msg = MailParser.Parse(data);
        var parts = msg.Body.ShouldBeOfType<Multipart>().Parts.Cast<MimePart>().ToList();
        parts.Select(p => p.GetText()).ShouldBe(["first part", "second part, the sender stopped here\r\n"]);
        var rewritten = Encoding.ASCII.GetString(MailWriter.Write(msg));
        rewritten.ShouldEndWith("stopped here\r\n\r\n--cut--");
    }

    [Fact]
    public void Malformed_header_line_starts_the_body_in_loose_and_fails_with_its_line_in_strict()
    {
        var data = Golden.Load("malformed-headers.eml");
        Should.Throw<PimFormatException>(() => MailParser.Parse(data, ParserCompliance.Strict)).Line.ShouldBe(5);

        var msg = MailParser.Parse(data);
        msg.Headers.Select(h => h.Field).ShouldBe(["Date", "From", "To", "Subject"]);
        msg.Subject.ShouldBe("Broken");
        msg.From.Mailboxes.Single().ShouldBe(new MailboxAddress("Zoë", "zoe@example.org"));
        msg.Date.ShouldBe(new DateTimeOffset(2024, 3, 10, 7, 0, 0, TimeSpan.FromHours(-5)));
        msg.TextBody.ShouldBe("This line has no colon\r\nX-After: not a header any more\r\n\r\nbody\r\n");
    }

    [Fact]
    public void Bare_lf_is_repaired_in_loose_and_rejected_in_strict()
    {
        var lf = Golden.LoadLf("forwarded-message.eml");
        Should.Throw<PimFormatException>(() => MailParser.Parse(lf, ParserCompliance.Strict)).Line.ShouldBe(1);

        var msg = MailParser.Parse(lf);
        msg.RawBytes.ShouldBe(lf);
        MailWriter.Write(msg).ShouldBe(Golden.Load("forwarded-message.eml"));
        msg.Attachments.Single().ShouldBeOfType<MessagePart>().Message.TextBody.ShouldBe("Lunch at noon?");
    }

    [Fact]
    public void Obsolete_rfc822_syntax_is_accepted_even_in_strict()
    {
        // RFC 5322 §4: parsers MUST accept the obsolete syntax.
        var msg = MailParser.Parse(Golden.Load("obsolete-syntax.eml"), ParserCompliance.Strict);
        msg.Date.ShouldBe(new DateTimeOffset(2024, 3, 11, 7, 0, 0, TimeSpan.FromHours(-8)));
        msg.From.Mailboxes.Single().ShouldBe(new MailboxAddress("Joe Q. Public", "john.q.public@example.com"));
        var to = msg.To.Mailboxes.ToList();
        to.Select(m => m.Address).ShouldBe(["mary@example.net", "jdoe@example.org"]);
        to[0].Route.ShouldBe(["route.example", "relay.example"]);
        msg.MessageId.ShouldBe("obs@example.com");
        msg.Subject.ShouldBe("Obsolete forms");
    }

    [Fact]
    public void Stream_and_span_overloads_agree()
    {
        var data = Golden.Load("alternative-with-attachment.eml");
        using var stream = new MemoryStream(data);
        MailWriter.Write(MailParser.Parse(stream)).ShouldBe(MailWriter.Write(MailParser.Parse(data)));
    }
}
