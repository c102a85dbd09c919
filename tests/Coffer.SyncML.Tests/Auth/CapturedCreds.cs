using System.Text.RegularExpressions;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Auth;

/// <summary>
/// Walks a recorded SyncEvolution session in message order and pairs every md5 Cred a request sent with
/// the NextNonce of the latest server Chal before it.
/// </summary>
internal static partial class CapturedCreds
{
    public sealed record Md5Cred(string Request, string Data, string Nonce);

    public static List<Md5Cred> Md5Creds(string session)
    {
        var result = new List<Md5Cred>();
        string? nonce = null;
        var files = TestDataPaths.Files(System.IO.Path.Combine("syncevolution-captures", session), "*.body.xml")
            .OrderBy(f => System.IO.Path.GetFileName(f)[..3], StringComparer.Ordinal)
            .ThenBy(f => f.Contains("-response", StringComparison.Ordinal)); // NNN-request before NNN-response
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (file.Contains("-request", StringComparison.Ordinal))
            {
                var cred = Md5CredRegex().Match(text);
                if (cred.Success && nonce != null)
                {
                    result.Add(new Md5Cred(System.IO.Path.GetFileName(file), cred.Groups[1].Value, nonce));
                }
            }
            else
            {
                var next = NextNonceRegex().Match(text);
                if (next.Success)
                {
                    nonce = next.Groups[1].Value;
                }
            }
        }

        return result;
    }

    public static string CredData(string relativePath, string type)
    {
        var text = File.ReadAllText(TestDataPaths.Path(relativePath));
        var m = Regex.Match(text, "<Cred>.*?" + Regex.Escape(type) + "</Type>.*?<Data>([^<]*)</Data>", RegexOptions.Singleline);
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException("no " + type + " Cred in " + relativePath);
    }

    [GeneratedRegex("<Cred>.*?syncml:auth-md5</Type>.*?<Data>([^<]*)</Data>", RegexOptions.Singleline)]
    private static partial Regex Md5CredRegex();

    [GeneratedRegex("<NextNonce[^>]*>([^<]+)</NextNonce>")]
    private static partial Regex NextNonceRegex();
}
