using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>A leaf that is one file of the profile folder (settings/NAME, certs/NAME, media/.../NAME).</summary>
public sealed class DmFileLeaf(string name, string path, DmFileKind kind, DmProfileFiles files) : DmNode(name)
{
    public override bool IsInterior => false;

    public override string Format => kind == DmFileKind.Setting ? SettingFormat(files.Read(path, kind)) : DmFormat.Bin;

    public override string? Type => Format == DmFormat.Chr ? "text/plain" : "application/octet-stream";

    public override DmNodeData Read()
    {
        var bytes = files.Read(path, kind);
        var format = kind == DmFileKind.Setting ? SettingFormat(bytes) : DmFormat.Bin;
        return new DmNodeData(format, format == DmFormat.Chr ? "text/plain" : "application/octet-stream", bytes);
    }

    public override void Write(DmNodeData data) => files.Write(path, Accept(data), kind);

    public override void Delete() => files.Delete(path);

    /// <summary>The bytes of a value for a file leaf: any format but node.</summary>
    public static byte[] Accept(DmNodeData data) => data.Format is DmFormat.Chr or DmFormat.B64 or DmFormat.Bin
        ? data.Data
        : throw new DmCommandException(StatusCode.UnsupportedMediaType, $"format {data.Format} where a file (chr, b64 or bin) is expected");

    /// <summary>
    /// chr for plain UTF-8 text; b64 for anything a chr value could not carry unchanged (not UTF-8, control characters,
    /// CR, which XML turns into LF: XML 1.0 §2.11).
    /// </summary>
    private static string SettingFormat(byte[] bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) && !System.Text.Encoding.UTF8.GetString(bytes).Any(c => char.IsControl(c) && c is not '\n' and not '\t')
            ? DmFormat.Chr
            : DmFormat.B64;
}
