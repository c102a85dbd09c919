using Coffer.TestData;

namespace Coffer.Formats.Tests.Mail;

/// <summary>Loads the hand-written golden messages beside these tests, with CRLF line ends as on the wire.</summary>
internal static class Golden
{
    public static string[] Names =>
        Directory.GetFiles(Dir, "*.eml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private static string Dir => Path.Combine(TestDataPaths.RepoRoot, "tests", "Coffer.Formats.Tests", "Mail", "Golden");

    /// <summary>The file with every line end made CRLF (the files are stored with LF so git settings cannot alter them).</summary>
    public static byte[] Load(string name) => ToCrlf(LoadLf(name));

    public static byte[] LoadLf(string name) => File.ReadAllBytes(Path.Combine(Dir, name));

    public static byte[] ToCrlf(byte[] lf)
    {
        var output = new List<byte>(lf.Length + 64);
        for (var i = 0; i < lf.Length; i++)
        {
            if (lf[i] == '\n' && (i == 0 || lf[i - 1] != '\r'))
            {
                output.Add((byte)'\r');
            }

            output.Add(lf[i]);
        }

        return output.ToArray();
    }
}
