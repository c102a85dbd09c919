namespace Coffer.SyncBench;

/// <summary>"COMMAND --name value ..." command lines.</summary>
public sealed class Args
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);

    public Args(string[] args)
    {
        Command = args.Length > 0 ? args[0] : string.Empty;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }
    }

    public string Command { get; }

    public string Required(string name) =>
        options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"{name} is required");

    public string? Optional(string name) => options.GetValueOrDefault(name);
}
