using Xunit;

namespace Coffer.TestData;

/// <summary>
/// Locates the shared real-world vectors (../shared/testdata beside the checkout). Tests read them in
/// place and never copy them. A missing folder is a failure, never a skip: a test that silently passes
/// without its vectors proves nothing (and CI=true always has them).
/// </summary>
public static class TestDataPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (the folder holding Coffer.slnx).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared testdata folder; throws (failing the test) when it is absent.</summary>
    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Every file in a testdata subfolder matching <paramref name="pattern"/>, sorted; fails if there are none.</summary>
    public static IReadOnlyList<string> Files(string folder, string pattern = "*", bool recursive = false)
    {
        var dir = Path(folder);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"Test vectors missing: {dir}");
        }

        var files = Directory.GetFiles(dir, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"No test vectors matching {pattern} in {dir}");
        }

        return files;
    }

    /// <summary>For [MemberData]: one row per file, the path relative to the testdata root (readable test names).</summary>
    public static TheoryData<string> Theory(string folder, string pattern = "*", bool recursive = false)
    {
        var data = new TheoryData<string>();
        foreach (var f in Files(folder, pattern, recursive))
        {
            data.Add(System.IO.Path.GetRelativePath(Root, f));
        }

        return data;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Coffer.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Coffer.slnx) above " + AppContext.BaseDirectory);
    }

    private static string FindRoot() => Locate(Environment.GetEnvironmentVariable("COFFER_TESTDATA"), RepoRoot);

    /// <summary>
    /// The testdata folder: <paramref name="overridePath"/> when set, else ../shared/testdata beside
    /// <paramref name="repoRoot"/>. Throws <see cref="DirectoryNotFoundException"/> when it does not exist —
    /// with CI=true or without it, a missing vector set is a failure, never a skip.
    /// </summary>
    public static string Locate(string? overridePath, string repoRoot)
    {
        var root = !string.IsNullOrEmpty(overridePath) ? overridePath : System.IO.Path.GetFullPath(System.IO.Path.Combine(repoRoot, "..", "shared", "testdata"));
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException(
                $"Shared test vectors not found at {root}. Check out ../shared beside the repository or set COFFER_TESTDATA.");
        }

        return root;
    }
}
