namespace Coffer.Server.Pages.Shared;

/// <summary>What the shared list partial shows: the page's list, its path, its name and what to say when it is empty.</summary>
public sealed record ItemListView(ItemListModel List, string Path, string Label, string Empty);
