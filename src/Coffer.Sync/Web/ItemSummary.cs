namespace Coffer.Sync.Web;

/// <summary>
/// What a list shows of one item and what it is sorted and searched by, kept in memory by <see cref="ItemIndex"/>.
/// </summary>
/// <param name="Id">The item's server id.</param>
/// <param name="Version">The item's version when summarized.</param>
/// <param name="Title">The line a list shows (a contact's name, a note's title).</param>
/// <param name="Detail">A second, shorter line (a contact's phone, e-mail or organization).</param>
/// <param name="SortKey">Folded title: the order of the list.</param>
/// <param name="SearchText">Folded words of every searchable field, phone digits included, separated by "\n".</param>
public sealed record ItemSummary(string Id, long Version, string Title, string Detail, string SortKey, string SearchText, DateTimeOffset Modified);
