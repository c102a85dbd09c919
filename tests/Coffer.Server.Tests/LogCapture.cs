using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests;

/// <summary>
/// Keeps every log line the host writes in memory, at every level the logging configuration lets through (the
/// provider itself filters nothing), so a test can search the whole log.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyList<LogLine> Lines => [.. lines];

    public string Text => string.Join('\n', lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too: a token could hide in a property the message template leaves out.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception) + " | " + values + (exception == null ? string.Empty : "\n" + exception)));
        }
    }
}
