using Coffer.Storage;

namespace Coffer.Sync.Engine;

/// <summary>A large object whose last chunk arrived: its bytes, or for a datastore of blobs the manifest of what the blob store holds.</summary>
internal sealed record ReceivedObject(byte[] Content, BlobManifest? Manifest);
