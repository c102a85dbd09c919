using System.Reflection;
using Coffer.Storage.Providers;
using Xunit.Sdk;

namespace Coffer.Storage.Tests.Contract;

/// <summary>
/// One test, every backend: a theory marked <c>[Theory, StoreData]</c> takes a <see cref="StoreProvider"/> and runs once
/// per provider, each run its own test case ("Name(provider: Postgres)"). Providers are never skipped: PostgreSQL runs on
/// the private cluster of <see cref="Coffer.TestData.PostgresCluster"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<StoreProvider>().Select(p => new object[] { p });
}
