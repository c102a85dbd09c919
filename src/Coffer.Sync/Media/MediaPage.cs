namespace Coffer.Sync.Media;

/// <summary>One page of a listing, newest first; <paramref name="Page"/> counts from 1.</summary>
public sealed record MediaPage(IReadOnlyList<MediaItem> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
