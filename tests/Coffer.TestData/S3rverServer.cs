using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Coffer.TestData;

/// <summary>
/// A private S3-compatible server for tests: s3rver (npm, which the test script installs) on 127.0.0.1 on a port of
/// its own choosing, keeping its objects as files in a temporary directory, with one bucket made at start. Credentials
/// are s3rver's fixed pair <see cref="AccessKey"/> / <see cref="SecretKey"/>. Disposing kills it and removes the directory.
/// </summary>
public sealed partial class S3rverServer : IDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process process;

    private S3rverServer(Process process, string root, string bucket, int port)
    {
        this.process = process;
        Root = root;
        Bucket = bucket;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    /// <summary>The directory s3rver keeps its buckets in: objects are files under Root/BUCKET/KEY._S3rver_object.</summary>
    public string Root { get; }

    public string Bucket { get; }

    public string Endpoint { get; }

    public static S3rverServer Start(string bucket)
    {
        var root = Path.Combine(Path.GetTempPath(), "coffer-s3rver-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var psi = new ProcessStartInfo(ExternalTool.Require("s3rver"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--directory", root, "--address", "127.0.0.1", "--port", "0", "--configure-bucket", bucket })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start s3rver");
        var stderr = process.StandardError.ReadToEndAsync();
        var listening = process.StandardOutput.ReadLineAsync();
        while (true)
        {
            if (!listening.Wait(TimeSpan.FromSeconds(60)) || listening.Result is not { } line)
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                Directory.Delete(root, recursive: true);
                throw new InvalidOperationException("s3rver did not start: " + (stderr.IsCompleted ? stderr.Result : string.Empty));
            }

            if (Listening().Match(line) is { Success: true } match)
            {
                // Keep draining its log so it never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync();
                return new S3rverServer(process, root, bucket, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            listening = process.StandardOutput.ReadLineAsync();
        }
    }

    /// <summary>The file holding one object's bytes as s3rver stores them.</summary>
    public string ObjectFile(string key) => Path.Combine(Root, Bucket, key + "._S3rver_object");

    public void Dispose()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    [GeneratedRegex(@"listening on [0-9.]+:(\d+)")]
    private static partial Regex Listening();
}
