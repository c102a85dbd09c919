using System.Globalization;

namespace Coffer.Agent.Sources;

/// <summary>
/// The persisted state of one datastore (docs/agent.md "State"): the last anchor and every item the server holds by
/// LUID. It is written after every session, completed or not, so items received from the server are never taken for
/// local additions; the anchor moves only when a session completes.
/// </summary>
public sealed class LocalState
{
    public string? LastAnchor { get; set; }

    public long NextLuid { get; set; }

    public List<LocalItem> Items { get; set; } = [];

    public string NewLuid() => (++NextLuid).ToString(CultureInfo.InvariantCulture);
}
