using Coffer.Sync.Content;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Engine;

/// <summary>
/// A text item as the device sent it, normalized, with its identity key, the handler of its format and what the device
/// can hold of that format (its CTCap; null when unknown).
/// </summary>
internal sealed record DeviceCopy(NormalizedContent Content, byte[] Key, IContentHandler Handler, CTCap? Caps);
