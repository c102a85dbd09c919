using Coffer.Storage.Providers;

namespace Coffer.Server.Admin;

/// <summary>Where this host's store is (from its settings), for measuring it.</summary>
public sealed record StoreLocation(StoreProvider Provider, string? ConnectionString, string DataDir);
