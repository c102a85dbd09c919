using Coffer.Sync.Content;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Engine;

/// <summary>How items go out to a device: the handler of the format it receives and its CTCap (null when unknown).</summary>
internal sealed record DeviceFormat(IContentHandler Handler, CTCap? Caps);
