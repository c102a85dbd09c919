using Coffer.Agent.Config;
using Coffer.Agent.Profile;

namespace Coffer.Agent.Sources;

/// <summary>
/// Opens a datastore's folder for a run of this configuration: the device profile needs the device id and, to seal
/// private keys, the account password (given, or read from the credentials file when a key is first sealed or opened); every
/// other datastore is <see cref="Datastores.Folder"/>.
/// </summary>
public sealed class AgentFolders(AgentHome home, AgentConfig config, string? password = null)
{
    private PrivateKeyGuard? guard;

    public IItemFolder Open(string dataDir, string name)
    {
        if (!string.Equals(name, ProfileLayout.Datastore, StringComparison.OrdinalIgnoreCase))
        {
            return Datastores.Folder(dataDir, name);
        }

        // Other devices' profiles stay in the configuration directory, out of the user's data folder; a restore into
        // another folder (a copy) keeps them next to its profile/.
        var copy = !string.Equals(Path.GetFullPath(dataDir), Path.GetFullPath(config.DataDir), StringComparison.Ordinal);
        var others = copy ? Path.Combine(dataDir, "profile-devices") : Path.Combine(home.Path, "profile-devices");
        return new ProfileFolder(Path.Combine(dataDir, "profile"), config.DeviceId, others, Guard);
    }

    public PrivateKeyGuard Guard() => guard ??= new PrivateKeyGuard(new KeySealer(Path.Combine(home.Path, "profile-key.json"), password ?? home.Load().Password));
}
