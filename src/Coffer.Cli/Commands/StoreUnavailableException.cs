namespace Coffer.Cli.Commands;

/// <summary>The store a verb was pointed at cannot be used: unknown provider, no store there, a database that cannot be reached.</summary>
internal sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
