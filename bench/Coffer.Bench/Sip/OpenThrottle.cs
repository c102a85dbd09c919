using Coffer.Sip.Registrar;

namespace Coffer.Bench.Sip;

/// <summary>No failed attempts in the benchmark, so nothing to limit.</summary>
internal sealed class OpenThrottle : ISipRegistrationThrottle
{
    public bool IsBlocked(string user, string address) => false;

    public void Failed(string user, string address)
    {
    }
}
