using Coffer.Agent.Config;
using Coffer.Agent.Consent;
using Coffer.Agent.Profile;
using Coffer.Agent.Sources;

namespace Coffer.Agent.Dm;

/// <summary>Where an agent's DM pieces live: <c>dm.json</c> and <c>dm-staging/</c> in its configuration directory, the tree over <c>profile/</c> of its data folder.</summary>
public static class DmAgentSetup
{
    /// <summary>The largest node value the agent takes in one large object (./DevDetail/Ext/Coffer/MaxObjSize).</summary>
    public const long MaxObjSize = 256L * 1024 * 1024;

    public static DmAccountFile AccountFile(AgentHome home) => new(Path.Combine(home.Path, "dm.json"));

    public static DmTree Tree(AgentHome home, AgentConfig config, string? password, string serverId, ConnectionKind connection)
    {
        var profile = Path.Combine(config.DataDir, ProfileLayout.Datastore);
        return new DmTree(
            profile,
            Path.Combine(home.Path, "dm-staging"),
            new DmDevice(config.DeviceId, Path.Combine(profile, ProfileLayout.DeviceFile), connection, MaxObjSize),
            serverId,
            new AgentFolders(home, config, password).Guard);
    }
}
