namespace Coffer.SyncML.Auth;

/// <summary>Base64 as devices really send it: embedded whitespace and missing '=' padding are accepted.</summary>
internal static class TolerantBase64
{
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text == null)
        {
            return false;
        }

        var s = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).TrimEnd('=');
        if (s.Length % 4 == 1)
        {
            return false;
        }

        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        var buffer = new byte[s.Length / 4 * 3];
        if (!Convert.TryFromBase64String(s, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
