namespace Coffer.Agent.Dm;

/// <summary>A read-only leaf whose value the device knows (./DevInfo, ./DevDetail: OMA-TS-DM_StdObj-V1_2 §5).</summary>
public sealed class DmValueLeaf(string name, string format, Func<string> value) : DmNode(name)
{
    public override bool IsInterior => false;

    public override string Format => format;

    public override string? Type => "text/plain";

    public override DmNodeData Read() => DmNodeData.Text(format, value());
}
