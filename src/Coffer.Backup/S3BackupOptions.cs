namespace Coffer.Backup;

/// <summary>
/// Coffer:Backup:S3: backups in an S3 bucket (AWS or a compatible server). Credentials come from the AWS SDK's usual
/// chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role), never from Coffer's configuration.
/// </summary>
public sealed class S3BackupOptions
{
    public string? Bucket { get; set; }

    /// <summary>Key prefix inside the bucket ("coffer/"): several servers can share a bucket.</summary>
    public string Prefix { get; set; } = "coffer/";

    /// <summary>The endpoint of an S3-compatible server (MinIO, Ceph, Garage: "https://s3.example.org"); unset for AWS.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The AWS region ("eu-central-1"); with <see cref="Endpoint"/>, the region it signs for.</summary>
    public string? Region { get; set; }

    /// <summary>Path-style addressing (endpoint/bucket/key), which most S3-compatible servers need; default when an endpoint is set.</summary>
    public bool? ForcePathStyle { get; set; }
}
