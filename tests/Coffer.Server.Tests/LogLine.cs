using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests;

/// <summary>One captured log entry.</summary>
public sealed record LogLine(LogLevel Level, string Category, string Message)
{
    public override string ToString() => $"{Level} {Category}: {Message}";
}
