namespace Coffer.Agent.Dm;

/// <summary>The node formats of the management tree (OMA-TS-DM_TND-V1_2 §7.7.7 "Format").</summary>
public static class DmFormat
{
    public const string Node = "node";
    public const string Chr = "chr";
    public const string Int = "int";
    public const string Bool = "bool";
    public const string Bin = "bin";
    public const string B64 = "b64";

    /// <summary>Whether <paramref name="format"/> is one the agent's tree holds.</summary>
    public static bool IsKnown(string? format) => format is Node or Chr or Int or Bool or Bin or B64;
}
