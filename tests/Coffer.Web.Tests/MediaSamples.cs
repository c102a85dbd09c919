using System.Text;
using ImageMagick;

namespace Coffer.Web.Tests;

/// <summary>Real pictures, mail and SMS for the media pages' tests, made here (Magick.NET writes the images).</summary>
public static class MediaSamples
{
    /// <summary>A JPEG of <paramref name="width"/>×<paramref name="height"/> pixels, with an EXIF orientation when given (6: shown turned a quarter clockwise).</summary>
    public static byte[] Jpeg(uint width, uint height, string color, ushort? orientation = null)
    {
        using var image = new MagickImage(new MagickColor(color), width, height);
        image.Format = MagickFormat.Jpeg;
        if (orientation is { } value)
        {
            var exif = new ExifProfile();
            exif.SetValue(ExifTag.Orientation, value);
            image.SetProfile(exif);

            // ImageMagick writes the image's orientation into the EXIF tag: both must say it.
            image.Orientation = (Orientation)value;
        }

        return image.ToByteArray();
    }

    public static byte[] Png(uint width, uint height, string color)
    {
        using var image = new MagickImage(new MagickColor(color), width, height);
        image.Format = MagickFormat.Png;
        return image.ToByteArray();
    }

    /// <summary>Width and height of an encoded image.</summary>
    public static (uint Width, uint Height) SizeOf(byte[] image)
    {
        var info = new MagickImageInfo(image);
        return (info.Width, info.Height);
    }

    /// <summary>
    /// An HTML mail that tries everything a hostile one would: a script, an event handler, a remote image (a read
    /// receipt); with a text alternative and a PDF attachment.
    /// </summary>
    public static byte[] HostileHtmlMail(string subject, byte[] attachment) => Encoding.UTF8.GetBytes(
        "From: Mallory Example <mallory@example.org>\r\n" +
        "To: Alice <alice@example.com>\r\n" +
        $"Subject: {subject}\r\n" +
        "Date: Fri, 04 Dec 2026 10:15:00 +0100\r\n" +
        "Message-ID: <hostile-1@example.org>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n" +
        "--outer\r\n" +
        "Content-Type: text/html; charset=utf-8\r\n\r\n" +
        "<html><body><p id=\"greeting\">Hello <b>Alice</b></p>" +
        "<script>document.title='pwned'</script>" +
        "<img src=\"http://127.0.0.1:9/track.gif\" alt=\"tracker\">" +
        "<p onclick=\"document.title='pwned'\">Click me</p>" +
        "<a href=\"javascript:alert(1)\">bad link</a></body></html>\r\n" +
        "--outer\r\n" +
        "Content-Type: application/pdf; name=\"invoice.pdf\"\r\n" +
        "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n\r\n" +
        Convert.ToBase64String(attachment, Base64FormattingOptions.InsertLineBreaks) + "\r\n" +
        "--outer--\r\n");

    public static byte[] TextMail(string from, string subject, string date, string body) => Encoding.UTF8.GetBytes(
        $"From: {from}\r\nTo: alice@example.com\r\nSubject: {subject}\r\nDate: {date}\r\nMIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n");

    public static byte[] Sms(string name, string tel, string date, string text) => Encoding.UTF8.GetBytes(
        "BEGIN:VMSG\r\nVERSION:1.1\r\nX-IRMC-STATUS:READ\r\nX-IRMC-BOX:INBOX\r\n" +
        $"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:{name}\r\nTEL:{tel}\r\nEND:VCARD\r\n" +
        "BEGIN:VENV\r\nBEGIN:VBODY\r\n" +
        $"Date:{date}\r\n{text}\r\n" +
        "END:VBODY\r\nEND:VENV\r\nEND:VMSG\r\n");
}
