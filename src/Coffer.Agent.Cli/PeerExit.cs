using Coffer.Agent.Peer.Sip;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Cli;

/// <summary>The exit code of a peer command the control server refused (docs/agent.md "Peer sync").</summary>
internal static class PeerExit
{
    public static int Of(PeerSipException refused) => refused.Status switch
    {
        404 => ExitCodes.PeerOffline,
        486 or 600 => ExitCodes.PeerBusy,
        408 => ExitCodes.PeerNoAnswer,
        401 or 407 => ExitCodes.AuthenticationFailed,
        400 or 415 or 488 => ExitCodes.PeerRefused,
        _ => ExitCodes.Protocol,
    };
}
