using System.IO.Enumeration;
using Coffer.Formats.AppData;

namespace Coffer.Agent.AppData;

/// <summary>
/// Which backup mode each app data file gets (seed 001: "which backup method to implement on which data files"): the
/// first rule whose pattern matches the file's path, else incremental; and in differential mode how many
/// differentials may follow a full before the next full goes.
/// </summary>
public sealed class AppDataModePolicy(IReadOnlyList<AppDataModeRule> rules, int fullEvery = AppDataModePolicy.DefaultFullEvery)
{
    /// <summary>A week of daily backups between fulls: each differential grows with every change since its full.</summary>
    public const int DefaultFullEvery = 7;

    public static AppDataModePolicy Default { get; } = new([]);

    public IReadOnlyList<AppDataModeRule> Rules => rules;

    /// <summary>The differentials sent after a full before a new full goes (at least 1).</summary>
    public int FullEvery { get; } = Math.Max(1, fullEvery);

    public AppDataMode ModeOf(string path)
    {
        foreach (var rule in rules)
        {
            if (FileSystemName.MatchesSimpleExpression(rule.Pattern, path, ignoreCase: false))
            {
                return AppDataModes.Parse(rule.Mode) ?? AppDataMode.Incremental;
            }
        }

        return AppDataMode.Incremental;
    }
}
