using Coffer.Interop.Tests.Harness;
using Coffer.TestData;

namespace Coffer.Interop.Tests.HarnessTests;

/// <summary>The shim is what lets Debian's client send a body at all (interop README fact 1).</summary>
public sealed class CurlFixShimTests
{
    [Fact]
    public void Shim_IsBuiltOnce_AndExportsCurlEasySetopt()
    {
        var path = CurlFixShim.LibraryPath;
        CurlFixShim.LibraryPath.ShouldBe(path);
        var symbols = ExternalTool.Run("nm", ["-D", "--defined-only", path], TimeSpan.FromSeconds(30));
        symbols.ExitCode.ShouldBe(0, symbols.StdErr);
        symbols.StdOut.ShouldContain(" T curl_easy_setopt");
    }

    [Fact]
    public async Task WithoutTheShim_TheClientCrashesBeforeTheBody_WithItTheBodyArrives()
    {
        // Nothing listens behind the proxy: it records what arrives and answers 502, which the client
        // treats as an external transport failure (status 20043). Only the transport is under test here.
        var deadPort = FreePort.Next();
        await using var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{deadPort}"));

        using (var broken = SyncEvolutionEnvironment.Create("noshim", withCurlFix: false))
        {
            var phone = await Phone.CreateAsync(broken, "p", proxy.UrlFor("/sync"), "alice", "secret");
            var crashed = await phone.SyncAsync(SyncMode.Slow, TimeSpan.FromSeconds(60), Datastore.Contacts);
            crashed.ExitCode.ShouldBe(139, "the unpatched client is expected to die of SIGSEGV (128 + 11):\n" + crashed);
            proxy.Exchanges.ShouldBeEmpty();
        }

        using var fixedEnv = SyncEvolutionEnvironment.Create("shim");
        var fixedPhone = await Phone.CreateAsync(fixedEnv, "p", proxy.UrlFor("/sync"), "alice", "secret");
        var report = await fixedPhone.SyncAsync(SyncMode.Slow, TimeSpan.FromSeconds(60), Datastore.Contacts);
        report.ExitCode.ShouldBe(1);
        report.Status.ShouldBe(20043, report.ToString());
        var exchange = proxy.Exchanges.ShouldHaveSingleItem();
        exchange.Fault.ShouldBe(ProxyFault.TargetUnreachable);
        exchange.RequestHeader("Content-Type").ShouldBe("application/vnd.syncml+xml");
        exchange.RequestText.ShouldContain("<SyncML");
    }
}
