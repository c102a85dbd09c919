using Coffer.Sync.Web;

namespace Coffer.Server.Pages.Shared;

/// <summary>Previous and next links of a list page, keeping its search.</summary>
public sealed record PagerModel(string Path, string? Query, ItemPage Page, int PageSize)
{
    public bool HasPrevious => Page.Offset > 0;

    public bool HasNext => Page.Offset + Page.Items.Count < Page.Total;

    public string Link(int from) =>
        Path + "?" + (string.IsNullOrWhiteSpace(Query) ? string.Empty : "q=" + Uri.EscapeDataString(Query) + "&") + "from=" + Math.Max(0, from);
}
