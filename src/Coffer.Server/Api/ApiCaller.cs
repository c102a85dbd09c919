namespace Coffer.Server.Api;

/// <summary>The authenticated account of an API request: its id and name.</summary>
public sealed record ApiCaller(long Id, string Name);
