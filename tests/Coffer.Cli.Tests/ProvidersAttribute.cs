using System.Reflection;
using Coffer.Storage.Providers;
using Xunit.Sdk;

namespace Coffer.Cli.Tests;

/// <summary>
/// One CLI test, every backend: a theory marked <c>[Theory, Providers]</c> takes a <see cref="StoreProvider"/> and runs
/// once per provider. PostgreSQL runs on the private cluster of <see cref="Coffer.TestData.PostgresCluster"/>, never skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<StoreProvider>().Select(p => new object[] { p });
}
