namespace Coffer.SyncML;

/// <summary>
/// Delete: removes items (OMA-TS-SyncML_RepPro-V1_2, element Delete). Archive asks the recipient to keep an archived
/// copy; SftDel asks for a soft delete (the item leaves the client but stays on the server).
/// </summary>
public sealed class DeleteCommand : ItemCommand
{
    public bool Archive { get; set; }

    public bool SftDel { get; set; }

    public override string ElementName => "Delete";
}
