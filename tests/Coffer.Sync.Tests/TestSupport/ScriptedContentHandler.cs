using Coffer.Storage;
using Coffer.Sync.Content;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Tests.TestSupport;

/// <summary>
/// An opaque handler for contacts that runs <see cref="OnNormalize"/> first: a test injects a failure (an exception,
/// a cancellation) for one particular item to interrupt the engine in the middle of a message.
/// </summary>
public sealed class ScriptedContentHandler : IContentHandler
{
    private readonly OpaqueContentHandler inner = new();

    public Action<string>? OnNormalize { get; set; }

    public bool Handles(DatastoreKind kind) => kind == DatastoreKind.Contacts;

    public NormalizedContent Normalize(string data, string? contentType)
    {
        OnNormalize?.Invoke(data);
        return inner.Normalize(data, contentType);
    }

    public RenderedContent Render(string stored, string? targetType, string? targetVersion, CTCap? caps) =>
        inner.Render(stored, targetType, targetVersion, caps);

    public MergeResult Merge(string? baseText, string serverText, string deviceText, CTCap? caps, ConflictPolicy policy) =>
        inner.Merge(baseText, serverText, deviceText, caps, policy);
}
