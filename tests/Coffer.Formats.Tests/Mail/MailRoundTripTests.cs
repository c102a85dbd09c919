using Coffer.Formats.Mail;

namespace Coffer.Formats.Tests.Mail;

public class MailRoundTripTests
{
    public static TheoryData<string> Goldens => new(Golden.Names);

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Parse_write_parse_gives_the_same_model(string name)
    {
        var first = MailParser.Parse(Golden.Load(name));
        var second = MailParser.Parse(MailWriter.Write(first));
        Describe(second).ShouldBe(Describe(first));
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Canonical_messages_are_rewritten_octet_for_octet(string name)
    {
        if (name is "missing-final-boundary.eml" or "malformed-headers.eml")
        {
            // These two are repaired on purpose; their equality of models is checked above.
            return;
        }

        var data = Golden.Load(name);
        MailWriter.Write(MailParser.Parse(data)).ShouldBe(data);
    }

    [Fact]
    public void Changing_the_subject_rewrites_only_that_header()
    {
        var data = Golden.Load("encoded-words.eml");
        var msg = MailParser.Parse(data);
        msg.Subject = "Grüße aus Köln";
        var again = MailParser.Parse(MailWriter.Write(msg));
        again.Subject.ShouldBe("Grüße aus Köln");
        again.Headers.Find("Subject")!.UnfoldedRaw.ShouldStartWith("=?utf-8?B?");
        again.Headers.Select(h => h.Field).ShouldBe(msg.Headers.Select(h => h.Field));
        again.TextBody.ShouldBe("よろしく\r\n");
    }

    /// <summary>A structural fingerprint: every header (name, decoded value) and every entity's type and decoded content.</summary>
    internal static string Describe(MailMessage message)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var h in message.Headers)
        {
            sb.Append(h.Field).Append('=').Append(h.Value).Append('\n');
        }

        Entity(message.Body, 0);
        return sb.ToString();

        void Entity(MimeEntity e, int depth)
        {
            sb.Append(new string(' ', depth)).Append(e.GetType().Name).Append(' ').Append(e.ContentType).Append(' ').Append(e.ContentDisposition).Append('\n');
            switch (e)
            {
                case MimePart p:
                    sb.Append(Convert.ToHexString(p.GetContent())).Append('\n');
                    break;
                case MessagePart m:
                    sb.Append(Describe(m.Message));
                    break;
                case Multipart mp:
                    foreach (var child in mp.Parts)
                    {
                        foreach (var h in child.Headers)
                        {
                            sb.Append(h.Field).Append('=').Append(h.Value).Append('\n');
                        }

                        Entity(child, depth + 1);
                    }

                    break;
            }
        }
    }
}
