namespace Coffer.Storage;

/// <summary>A stored chunk without its data: name (HMAC-SHA256 of its content), clear size, last write or reuse.</summary>
public sealed record BlobChunkInfo(byte[] Name, long Size, DateTimeOffset LastUsed);
