namespace Coffer.Sip.Tests;

/// <summary>The golden messages copied beside the test assembly (TestData/).</summary>
internal static class GoldenFiles
{
    public static string Directory(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", name);
        return System.IO.Directory.Exists(path) ? path : throw new DirectoryNotFoundException(path);
    }

    public static byte[] Read(string directory, string file) => File.ReadAllBytes(Path.Combine(Directory(directory), file));
}
