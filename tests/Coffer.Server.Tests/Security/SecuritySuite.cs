namespace Coffer.Server.Tests.Security;

/// <summary>
/// The replays of issue "Secure the sync endpoint" run alone: several measure the whole process (allocated bytes,
/// response time ratios) and would count another test's work as the server's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SecuritySuite
{
    public const string Name = "security";
}
