namespace Coffer.SyncML.DevInf;

/// <summary>
/// Item data in Format "bin" (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6: the data is binary, not b64): in WBXML the bytes go as
/// one OPAQUE (WAP-192-WBXML §5.8.4.6) instead of a third more of b64 text. DevInf has no capability that says a peer
/// reads it, so Coffer peers announce it with an extension (OMA-TS-DS_DevInf-V1_2 §5, "Ext") and send bin only to a peer
/// that announced it, over WBXML; everyone else gets b64 as before.
/// </summary>
public static class BinItemData
{
    public const string Format = "bin";

    /// <summary>The XNam of the extension; its XVal lists "bin".</summary>
    public const string ExtName = "X-Coffer-ItemFormat";

    public static Ext Announcement() => new() { XNam = ExtName, XVal = [Format] };

    /// <summary>Whether <paramref name="info"/> announces that its sender reads (and may send) Format bin.</summary>
    public static bool IsAnnounced(DeviceInfo? info) =>
        info?.Exts.Any(e => e.XNam == ExtName && e.XVal.Contains(Format, StringComparer.OrdinalIgnoreCase)) == true;

    public static bool IsBin(string? format) => string.Equals(format?.Trim(), Format, StringComparison.OrdinalIgnoreCase);

    /// <summary>The bytes as an array: the one behind them when it holds exactly them (what the WBXML decoder makes), else a copy.</summary>
    public static byte[] ToArray(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}
