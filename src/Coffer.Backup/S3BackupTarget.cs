using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Coffer.Backup;

/// <summary>
/// Backups in an S3 bucket under a prefix (AWSSDK.S3). A PUT replaces an object whole, so writes are atomic as the
/// target requires. The writer's lock is an object "lock" created with If-None-Match: * (a conditional write, which
/// fails with 412 when it exists); a lock older than <see cref="StaleLock"/> is left by a crashed writer and taken
/// over. Tested against s3rver, an S3-compatible server, not against AWS itself (docs/backup.md).
/// </summary>
public sealed class S3BackupTarget : IBackupTarget
{
    /// <summary>A backup of any store Coffer is meant for takes minutes; a lock this old belongs to a writer that died.</summary>
    public static readonly TimeSpan StaleLock = TimeSpan.FromHours(6);

    private const string LockName = "lock";

    private readonly IAmazonS3 client;
    private readonly string bucket;
    private readonly string prefix;
    private readonly TimeProvider time;
    private readonly bool plainBodies;

    public S3BackupTarget(S3BackupOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            throw new BackupException("Coffer:Backup:S3:Bucket is not set");
        }

        bucket = options.Bucket;
        prefix = string.IsNullOrEmpty(options.Prefix) || options.Prefix.EndsWith('/') ? options.Prefix ?? string.Empty : options.Prefix + "/";
        time = timeProvider ?? TimeProvider.System;
        var config = new AmazonS3Config();
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            config.ServiceURL = options.Endpoint;
            config.ForcePathStyle = options.ForcePathStyle ?? true;

            // The SDK's defaults send bodies as aws-chunked (signed chunks over http, a checksum trailer over https),
            // which S3-compatible servers do not all decode: they store the framing as the object. A plain body
            // signed whole, with checksums only where the API requires them, is understood by all.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
            plainBodies = true;
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                config.AuthenticationRegion = options.Region;
            }
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            }

            config.ForcePathStyle = options.ForcePathStyle ?? false;
        }

        client = new AmazonS3Client(config);
        Description = $"s3://{bucket}/{prefix}" + (options.Endpoint is { Length: > 0 } endpoint ? $" at {endpoint}" : string.Empty);
    }

    public string Description { get; }

    public async Task<IReadOnlyDictionary<string, long>> ListAsync(string namePrefix, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix + namePrefix };
        while (true)
        {
            var response = await client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
            {
                var name = item.Key[prefix.Length..];
                if (name != LockName)
                {
                    found[name] = item.Size ?? 0;
                }
            }

            if (response.IsTruncated != true)
            {
                return found;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(bucket, prefix + name, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            try
            {
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonClientException) when (response.ContentLength > 0)
            {
                // The SDK checks a whole object against the MD5 the server stored with it and throws when the bytes
                // changed at rest. Read them as they are (a range is not checked that way): the backup's own
                // authentication then names the damaged part instead of the read failing.
                return await ReadRangeAsync(prefix + name, response.ContentLength, cancellationToken).ConfigureAwait(false);
            }

            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<byte[]> ReadRangeAsync(string key, long length, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(0, length - 1) };
        using var response = await client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    public async Task WriteAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(data.ToArray(), writable: false);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = prefix + name, InputStream = body, AutoCloseStream = false, UseChunkEncoding = !plainBodies }, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        await client.DeleteObjectAsync(bucket, prefix + name, cancellationToken).ConfigureAwait(false);

    public async Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken)
    {
        var key = prefix + LockName;
        var body = System.Text.Encoding.UTF8.GetBytes($"{Environment.MachineName} {Environment.ProcessId} {time.GetUtcNow():O}\n");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var stream = new MemoryStream(body, writable: false);
                await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = stream, IfNoneMatch = "*", UseChunkEncoding = !plainBodies }, cancellationToken).ConfigureAwait(false);
                return new Release(this, key);
            }
            catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
            {
                var held = await client.GetObjectMetadataAsync(bucket, key, cancellationToken).ConfigureAwait(false);
                if (held.LastModified is not { } modified || time.GetUtcNow() - modified.ToUniversalTime() < StaleLock)
                {
                    throw new BackupException($"another backup or prune is running on {Description} (the object {key} exists since {held.LastModified:O})", e);
                }

                await client.DeleteObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new BackupException($"could not take the lock {key} on {Description}");
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Release(S3BackupTarget owner, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await owner.client.DeleteObjectAsync(owner.bucket, key).ConfigureAwait(false);
    }
}
