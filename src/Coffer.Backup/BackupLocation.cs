namespace Coffer.Backup;

/// <summary>
/// The backup location as the command line names it: a directory, or s3://BUCKET/PREFIX (endpoint and region from
/// COFFER_S3_ENDPOINT / AWS_REGION, credentials from the AWS SDK's chain).
/// </summary>
public static class BackupLocation
{
    public static IBackupTarget Open(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (!location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return new DirectoryBackupTarget(location);
        }

        var rest = location["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return new S3BackupTarget(new S3BackupOptions
        {
            Bucket = slash < 0 ? rest : rest[..slash],
            Prefix = slash < 0 ? string.Empty : rest[(slash + 1)..],
            Endpoint = Environment.GetEnvironmentVariable("COFFER_S3_ENDPOINT"),
            Region = Environment.GetEnvironmentVariable("AWS_REGION"),
        });
    }
}
