namespace Coffer.Agent.Sources;

/// <summary>
/// One datastore as both sides name it: the agent's name for it (<c>contacts</c>), the server's datastore
/// (<c>card</c>, docs/sync-engine.md), the local LocURI the agent uses in Alert, Sync and Map, and the content type
/// the agent sends. Binary datastores send their items as b64 (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6) and stream them
/// from and to disk; in a <see cref="Named"/> datastore each item carries its path (<see cref="ItemNames"/>).
/// </summary>
public sealed record DatastoreInfo(string Name, string ServerUri, string LocalUri, string DisplayName, string ContentType, string ContentVersion, bool Binary = false, bool Named = false);
