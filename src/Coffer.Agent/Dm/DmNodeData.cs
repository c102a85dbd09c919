namespace Coffer.Agent.Dm;

/// <summary>A leaf's value as a command carries it: its format, MIME type and bytes (text as UTF-8).</summary>
public sealed record DmNodeData(string Format, string? Type, byte[] Data)
{
    public static DmNodeData Text(string format, string text, string type = "text/plain") =>
        new(format, type, System.Text.Encoding.UTF8.GetBytes(text));

    public string AsText() => System.Text.Encoding.UTF8.GetString(Data);
}
