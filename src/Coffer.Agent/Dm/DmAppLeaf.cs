using Coffer.Agent.Profile;
using Coffer.SyncML;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Dm;

/// <summary>
/// One field of an app: Name, Version, PackageName (chr), ModelSpecific (bool), Package (bin, the package file).
/// A field exists while it has a value (ModelSpecific while true), so a restore Adds exactly what a backup read.
/// </summary>
public sealed class DmAppLeaf(DmAppField kind, string id, DmAppStore apps) : DmNode(kind.ToString())
{
    public override bool IsInterior => false;

    public override string Format => kind switch
    {
        DmAppField.ModelSpecific => DmFormat.Bool,
        DmAppField.Package => DmFormat.Bin,
        _ => DmFormat.Chr,
    };

    public override string? Type => kind == DmAppField.Package ? "application/octet-stream" : "text/plain";

    /// <summary>Whether the field has a value on <paramref name="entry"/>.</summary>
    public static bool Exists(DmAppField field, AppEntry entry, DmAppStore apps) => field switch
    {
        DmAppField.Name => entry.Name != null,
        DmAppField.Version => entry.Version != null,
        DmAppField.ModelSpecific => entry.ModelSpecific,
        DmAppField.PackageName => entry.Package != null,
        _ => apps.Package(entry.Id) != null,
    };

    public override DmNodeData Read()
    {
        var entry = apps.Find(id) ?? throw new DmCommandException(StatusCode.NotFound, $"no app {id}");
        return kind switch
        {
            DmAppField.Name => DmNodeData.Text(Format, entry.Name ?? string.Empty),
            DmAppField.Version => DmNodeData.Text(Format, entry.Version ?? string.Empty),
            DmAppField.ModelSpecific => DmNodeData.Text(Format, entry.ModelSpecific ? "true" : "false"),
            DmAppField.PackageName => DmNodeData.Text(Format, entry.Package ?? string.Empty),
            _ => new DmNodeData(Format, Type, apps.Package(id) ?? []),
        };
    }

    public override void Write(DmNodeData data) => Set(kind, id, apps, data);

    public override void Delete() => apps.Update(id, e => kind switch
    {
        DmAppField.Name => e with { Name = null },
        DmAppField.Version => e with { Version = null },
        DmAppField.ModelSpecific => e with { ModelSpecific = false },
        _ => throw new DmCommandException(StatusCode.CommandNotAllowed, $"{Path}: delete the app, not its package"),
    });

    /// <summary>Add or Replace of a field.</summary>
    public static void Set(DmAppField kind, string id, DmAppStore apps, DmNodeData data)
    {
        switch (kind)
        {
            case DmAppField.Package:
                apps.SetPackage(id, DmFileLeaf.Accept(data));
                return;
            case DmAppField.ModelSpecific:
                var text = TextOf(data, DmFormat.Bool, DmFormat.Chr).Trim();
                var flag = text switch
                {
                    "true" or "1" => true,
                    "false" or "0" => false,
                    _ => throw new DmCommandException(StatusCode.BadRequest, $"'{text}' is not a bool (true or false)"),
                };
                apps.Update(id, e => e with { ModelSpecific = flag });
                return;
            default:
                var value = TextOf(data, DmFormat.Chr) is { Length: > 0 } t ? t : null;
                apps.Update(id, e => kind switch
                {
                    DmAppField.Name => e with { Name = value },
                    DmAppField.Version => e with { Version = value },
                    _ => e with { Package = value },
                });
                return;
        }
    }
}
