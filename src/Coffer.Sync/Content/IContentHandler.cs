using Coffer.Storage;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Content;

/// <summary>
/// Everything the engine needs to know about one kind of data: how to normalize what a device sends, how to render
/// the stored copy for a device (its format and its limits, seed 000 §4.3 Field Level Change), and how to fold a
/// device's change into the server copy. Implementations live over Coffer.Formats; the engine stays format-agnostic.
/// </summary>
public interface IContentHandler
{
    bool Handles(DatastoreKind kind);

    /// <summary>Parses and normalizes incoming data. Throws <see cref="Coffer.Formats.PimFormatException"/> for data it cannot accept.</summary>
    NormalizedContent Normalize(string data, string? contentType);

    /// <summary>The stored item as the device should receive it: in <paramref name="targetType"/>, trimmed to what <paramref name="caps"/> can hold.</summary>
    RenderedContent Render(string stored, string? targetType, string? targetVersion, CTCap? caps);

    /// <summary>
    /// Applies a device's version of an item onto the server copy. <paramref name="baseText"/> is the version the
    /// device last had (null when unknown). Properties the device cannot hold (per <paramref name="caps"/>) are kept
    /// from the server copy; fields changed on both sides follow <paramref name="policy"/>.
    /// </summary>
    MergeResult Merge(string? baseText, string serverText, string deviceText, CTCap? caps, ConflictPolicy policy);
}
