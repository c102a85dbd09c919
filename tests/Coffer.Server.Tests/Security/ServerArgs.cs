namespace Coffer.Server.Tests.Security;

/// <summary>Server configuration (section Coffer:Sync) the replays start the host with.</summary>
public static class ServerArgs
{
    /// <summary>No deliberate delay after a failed login: it would only make a test slower.</summary>
    public const string NoLoginDelay = "--Coffer:Sync:FailedLoginDelay=00:00:00";

    /// <summary>Clients without credentials are challenged for md5 (OMA-TS-SyncML_RepPro-V1_2 §4.3), with a NextNonce.</summary>
    public const string Md5Challenge = "--Coffer:Sync:PreferredAuthType=syncml:auth-md5";

    /// <summary>Failed-login limits far above what a test sends, so throttling cannot interfere.</summary>
    public static readonly string[] NoThrottling =
    [
        NoLoginDelay,
        "--Coffer:Sync:FailedLoginsPerAccount=1000",
        "--Coffer:Sync:FailedLoginsPerAddress=1000",
    ];
}
