namespace Coffer.SipBench;

/// <summary>
/// <c>coffer-sipbench seed DATA COUNT OUT [REALM]</c>: the accounts of the SIP REGISTER benchmark (bench/sip/run.sh).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["seed", var data, var count, var output, ..] && int.TryParse(count, out var n) && n > 0)
        {
            var realm = args.Length > 4 ? args[4] : Coffer.Storage.SipDigestCredential.DefaultRealm;
            await BenchUsers.SeedAsync(data, n, realm, output);
            return 0;
        }

        Console.Error.WriteLine("usage: coffer-sipbench seed DATA-DIR COUNT OUT-DIR [REALM]");
        return 2;
    }
}
