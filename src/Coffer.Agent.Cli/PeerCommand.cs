using System.CommandLine;

namespace Coffer.Agent.Cli;

/// <summary><c>coffer-agent peer</c>: direct sync between the account's devices, set up through the SIP control server (seed 003; docs/agent.md "Peer sync").</summary>
internal static class PeerCommand
{
    public static Command Create(GlobalOptions global) => new("peer", "sync directly with the account's other devices: online, list, sync")
    {
        PeerOnlineCommand.Create(global),
        PeerListCommand.Create(global),
        PeerSyncCommand.Create(global),
    };
}
