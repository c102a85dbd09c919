using Coffer.TestData;

namespace Coffer.SyncML.Tests.TestData;

/// <summary>Tests that need ../shared/testdata fail, not skip, when it is missing (CI=true always has it).</summary>
public sealed class MissingTestDataTests
{
    [Fact]
    public void A_missing_testdata_folder_is_an_error_that_fails_the_test()
    {
        var missing = Path.Combine(Path.GetTempPath(), "coffer-no-testdata-" + Guid.NewGuid().ToString("N"));

        var ex = Should.Throw<DirectoryNotFoundException>(() => TestDataPaths.Locate(missing, TestDataPaths.RepoRoot));

        ex.Message.ShouldContain(missing);
    }

    [Fact]
    public void A_repository_without_a_shared_folder_beside_it_is_an_error_too()
    {
        var lonelyRepo = Path.Combine(Path.GetTempPath(), "coffer-lonely-" + Guid.NewGuid().ToString("N"), "main");

        Should.Throw<DirectoryNotFoundException>(() => TestDataPaths.Locate(null, lonelyRepo));
    }

    [Fact]
    public void The_real_testdata_folder_is_found()
    {
        Directory.Exists(TestDataPaths.Locate(Environment.GetEnvironmentVariable("COFFER_TESTDATA"), TestDataPaths.RepoRoot)).ShouldBeTrue();
    }
}
