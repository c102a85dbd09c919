namespace Coffer.Sync.Web;

/// <summary>What importing a file would do, row by row (the preview), and the file's format as detected.</summary>
public sealed record ImportPlan(string Format, IReadOnlyList<ImportRow> Rows)
{
    public int Adds => Rows.Count(r => r.Action == ImportAction.Add);

    public int Updates => Rows.Count(r => r.Action == ImportAction.Update);

    public int Skips => Rows.Count(r => r.Action == ImportAction.Skip);
}
