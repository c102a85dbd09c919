using System.Text;

namespace Coffer.SyncML.Auth;

/// <summary>
/// <c>syncml:auth-basic</c>: Cred Data is b64("user:password") (OMA-TS-SyncML-RepPro-V1_2 §4.3 "Security";
/// SyncML Representation 1.1, Cred). The user ends at the first ':', as in RFC 7617 §2.
/// </summary>
public static class BasicAuth
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static string Encode(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
    }

    /// <summary>
    /// Decodes Cred Data, tolerating whitespace and missing padding. Text that is not UTF-8 is read as
    /// ISO-8859-1, which older handsets use. Throws <see cref="SyncMLFormatException"/> when it is not base64
    /// or has no ':'.
    /// </summary>
    public static BasicCredentials Decode(string data)
    {
        if (!TolerantBase64.TryDecode(data, out var bytes))
        {
            throw new SyncMLFormatException("auth-basic Cred data is not base64");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new SyncMLFormatException("auth-basic Cred data has no ':' between user and password");
        }

        return new BasicCredentials(text[..colon], text[(colon + 1)..]);
    }
}
