using System.Text.Json;

namespace Coffer.Agent.Profile;

/// <summary>The installed applications (<c>apps/apps.json</c>, <c>{ "apps": [ ... ] }</c>).</summary>
public sealed record AppList(IReadOnlyList<AppEntry> Apps)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static AppList Parse(byte[] content)
    {
        var list = JsonSerializer.Deserialize<AppList>(content, Json);
        return new AppList([.. (list?.Apps ?? []).Where(a => !string.IsNullOrWhiteSpace(a.Id))]);
    }

    public static AppList Read(string file) => File.Exists(file) ? Parse(File.ReadAllBytes(file)) : new AppList([]);

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>This list with <paramref name="restored"/> added: an app of the same id takes the restored entry.</summary>
    public AppList With(IEnumerable<AppEntry> restored)
    {
        var byId = Apps.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var app in restored)
        {
            byId[app.Id] = app;
        }

        return new AppList([.. byId.Values.OrderBy(a => a.Id, StringComparer.Ordinal)]);
    }
}
