using System.Security.Cryptography;
using System.Text;
using Coffer.Storage;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Content;

/// <summary>
/// For data Coffer does not interpret (a vendor format such as SIF, or a kind without a parser): stored byte for byte,
/// sent back as received, twins found by identical content. It never loses data; it cannot merge fields.
/// </summary>
public sealed class OpaqueContentHandler : IContentHandler
{
    public bool Handles(DatastoreKind kind) => true;

    public NormalizedContent Normalize(string data, string? contentType) =>
        new(data, contentType ?? "application/octet-stream", "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(data))));

    public RenderedContent Render(string stored, string? targetType, string? targetVersion, CTCap? caps) =>
        new(stored, targetType ?? "application/octet-stream");

    public MergeResult Merge(string? baseText, string serverText, string deviceText, CTCap? caps, ConflictPolicy policy)
    {
        if (baseText == null || baseText == serverText || serverText == deviceText)
        {
            return new MergeResult(deviceText, MergeOutcome.Applied, false);
        }

        return policy == ConflictPolicy.ClientWins
            ? new MergeResult(deviceText, MergeOutcome.DeviceWon, false)
            : new MergeResult(serverText, MergeOutcome.ServerWon, true);
    }
}
