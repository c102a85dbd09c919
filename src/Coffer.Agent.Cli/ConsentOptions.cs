using System.CommandLine;
using Coffer.Agent.Config;
using Coffer.Agent.Consent;

namespace Coffer.Agent.Cli;

/// <summary><c>--connection</c> and <c>--on-metered</c>: this run's connection cost and consent policy, over the configured ones.</summary>
internal sealed class ConsentOptions
{
    public Option<ConnectionKind?> Connection { get; } = new("--connection")
    {
        Description = "unmetered, metered or roaming (default: the configured one); metered and roaming ask before any transfer",
        CustomParser = r => Parse<ConnectionKind>(r),
    };

    public Option<MeteredPolicy?> OnMetered { get; } = new("--on-metered")
    {
        Description = "on a metered or roaming connection: ask (prompt on a terminal, defer otherwise), allow, deny or defer (default: the configured one)",
        CustomParser = r => Parse<MeteredPolicy>(r),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Connection);
        command.Options.Add(OnMetered);
    }

    public ConnectionKind ConnectionFor(ParseResult pr, AgentConfig config) => pr.GetValue(Connection) ?? config.Connection;

    public MeteredPolicy PolicyFor(ParseResult pr, AgentConfig config) => pr.GetValue(OnMetered) ?? config.MeteredPolicy;

    internal static T? Parse<T>(System.CommandLine.Parsing.ArgumentResult result)
        where T : struct, Enum
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        result.AddError($"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
        return null;
    }
}
