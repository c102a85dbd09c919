namespace Coffer.Agent.Dm;

/// <summary>
/// A node's access control list (OMA-TS-DM_TND-V1_2 §7.7.1): <c>Get=*&amp;Replace=coffer+other</c>, each command
/// followed by the server identifiers it is granted to (<c>*</c>: every server), <c>&amp;</c> between commands,
/// <c>+</c> between servers. An empty ACL means the node inherits its parent's (§7.7.1.1); the root always has one.
/// </summary>
public sealed class DmAcl
{
    private readonly Dictionary<DmOperation, string[]> grants;

    private DmAcl(Dictionary<DmOperation, string[]> grants) => this.grants = grants;

    public static DmAcl Empty { get; } = new([]);

    public bool IsEmpty => grants.Count == 0;

    /// <exception cref="FormatException">A command that is not one of Add, Delete, Exec, Get, Replace, or an entry without '='.</exception>
    public static DmAcl Parse(string? text)
    {
        var grants = new Dictionary<DmOperation, string[]>();
        foreach (var entry in (text ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !Enum.TryParse<DmOperation>(entry[..eq], ignoreCase: false, out var op) || !Enum.IsDefined(op))
            {
                throw new FormatException($"'{entry}' is not an ACL entry (COMMAND=SERVER+SERVER)");
            }

            grants[op] = [.. (grants.TryGetValue(op, out var known) ? known : []), .. entry[(eq + 1)..].Split('+', StringSplitOptions.RemoveEmptyEntries)];
        }

        return new DmAcl(grants);
    }

    /// <summary>An ACL granting <paramref name="operations"/> to <paramref name="serverId"/> (or <c>*</c>).</summary>
    public static DmAcl Grant(string serverId, params DmOperation[] operations) =>
        new(operations.ToDictionary(o => o, _ => new[] { serverId }));

    /// <summary>Whether this ACL (not empty) lets <paramref name="serverId"/> run <paramref name="operation"/>.</summary>
    public bool Allows(DmOperation operation, string serverId) =>
        grants.TryGetValue(operation, out var servers) && servers.Any(s => s == "*" || string.Equals(s, serverId, StringComparison.Ordinal));

    public override string ToString() =>
        string.Join('&', grants.OrderBy(g => g.Key).Select(g => g.Key + "=" + string.Join('+', g.Value)));
}
