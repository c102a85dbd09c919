using Coffer.Formats;
using Coffer.Formats.Identity;
using Coffer.Formats.Merge;
using Coffer.Formats.VCard;
using Coffer.Storage;
using Coffer.SyncML.DevInf;
using VCardItem = Coffer.Formats.VCard.VCard;

namespace Coffer.Sync.Content;

/// <summary>
/// Contacts: any vCard (2.1 text/x-vcard, 3.0 text/vcard, 4.0) is stored as one vCard 3.0 (RFC 2426) and rendered
/// in the device's version, trimmed to what its CTCap can hold (seed 000 §4.3 Field Level Change).
/// </summary>
public sealed class VCardContentHandler : IContentHandler
{
    public const string StoredType = "text/vcard";

    public bool Handles(DatastoreKind kind) => kind == DatastoreKind.Contacts;

    public NormalizedContent Normalize(string data, string? contentType)
    {
        var card = Parse(data);
        return new NormalizedContent(VCardWriter.Write(card, VCardVersion.V3_0), StoredType, IdentityKeys.ForVCard(card));
    }

    public RenderedContent Render(string stored, string? targetType, string? targetVersion, CTCap? caps)
    {
        var deviceCaps = DeviceCapabilitiesMapper.From(caps);
        var version = VersionFor(targetType, targetVersion);
        if (version == VCardVersion.V3_0 && HeldWhole.VCard30(stored, deviceCaps))
        {
            // The stored text is already what the writer would produce for this device: vCard 3.0, nothing to trim.
            return new RenderedContent(stored, targetType ?? StoredType);
        }

        var card = FieldMerge.TrimInPlace(Parse(stored), deviceCaps);
        return new RenderedContent(VCardWriter.Write(card, version), targetType ?? StoredType);
    }

    public MergeResult Merge(string? baseText, string serverText, string deviceText, CTCap? caps, ConflictPolicy policy)
    {
        var server = Parse(serverText);
        var baseCard = baseText == null ? null : Parse(baseText);
        var device = Parse(deviceText);
        if (caps != null && VersionFor(caps.CTType, caps.VerCT) == VCardVersion.V2_1)
        {
            // The device text arrives normalized to 3.0; its CTCap says it holds vCard 2.1. What 2.1 cannot hold comes back
            // degraded, and that is no edit (docs/field-level-merge.md).
            var given = baseCard ?? server;
            device = FieldMerge.WithoutFormatLosses(device, given, Parse(VCardWriter.Write(given, VCardVersion.V2_1)));
        }

        var merged = FieldMerge.Merge(baseCard, server, device, DeviceCapabilitiesMapper.From(caps), ContentMerge.Policy(policy));
        return ContentMerge.Result(merged, VCardWriter.Write(merged.Item, VCardVersion.V3_0), serverText, FieldMerge.DiffersOnDevice(merged.Item, server, null));
    }

    /// <summary>text/x-vcard is vCard 2.1 (OMA DS devices' default); text/vcard is 3.0 unless 4.0 is asked for (RFC 6350 §10.1).</summary>
    internal static VCardVersion VersionFor(string? type, string? version)
    {
        if (string.Equals(type, "text/x-vcard", StringComparison.OrdinalIgnoreCase) || version == "2.1")
        {
            return VCardVersion.V2_1;
        }

        return version == "4.0" ? VCardVersion.V4_0 : VCardVersion.V3_0;
    }

    private static VCardItem Parse(string text) =>
        VCardParser.Parse(text).FirstOrDefault() ?? throw new PimFormatException("The item holds no vCard (BEGIN:VCARD).");
}
