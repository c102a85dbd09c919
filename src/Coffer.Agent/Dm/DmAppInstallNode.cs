using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>./Coffer/Backup/Apps/ID/Operations/Install: Exec installs the app from its Package (entry merged into apps.json).</summary>
public sealed class DmAppInstallNode(string id, DmAppStore apps) : DmNode("Install")
{
    public override bool IsInterior => false;

    public override string Format => DmFormat.Chr;

    public override string? Type => "text/plain";

    public override DmNodeData Read() => DmNodeData.Text(DmFormat.Chr, apps.IsStaged(id) ? "staged" : "installed");

    public override void Exec(string? argument) => apps.Install(id);
}
