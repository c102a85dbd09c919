using Coffer.Sip.Registrar;

namespace Coffer.Sip.Tests.Registrar;

/// <summary>A fixed allowance of failures per user name and per address, never refilled (the host's limiter refills).</summary>
internal sealed class AllowanceThrottle(int allowance) : ISipRegistrationThrottle
{
    private readonly Dictionary<string, int> _failures = [];

    public bool IsBlocked(string user, string address) =>
        _failures.GetValueOrDefault("u:" + user.ToLowerInvariant()) >= allowance || _failures.GetValueOrDefault("a:" + address) >= allowance;

    public void Failed(string user, string address)
    {
        _failures["u:" + user.ToLowerInvariant()] = _failures.GetValueOrDefault("u:" + user.ToLowerInvariant()) + 1;
        _failures["a:" + address] = _failures.GetValueOrDefault("a:" + address) + 1;
    }
}
