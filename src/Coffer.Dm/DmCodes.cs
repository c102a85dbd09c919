namespace Coffer.Dm;

/// <summary>The OMA DM 1.2 codes the session engine speaks (OMA-TS-DM_Protocol-V1_2 §8.3, Appendix "Alert codes"; OMA-TS-DM_RepPro-V1_2 "Response codes").</summary>
internal static class DmCodes
{
    public const string VerDtd = "1.2";

    public const string VerProto = "DM/1.2";

    /// <summary>Alert 1100: display (OMA-TS-DM_Protocol-V1_2 §10.2).</summary>
    public const int DisplayAlert = 1100;

    /// <summary>Alert 1101: continue or abort (user confirmation), §10.2.</summary>
    public const int ConfirmAlert = 1101;

    /// <summary>Alert 1200: server-initiated management session, §8.3.</summary>
    public const int ServerInitiated = 1200;

    /// <summary>Alert 1201: client-initiated management session, §8.3.</summary>
    public const int ClientInitiated = 1201;

    /// <summary>Alert 1222: more messages requested (large objects), OMA-TS-DM_Protocol-V1_2 §8.7.</summary>
    public const int NextMessage = 1222;

    /// <summary>Alert 1223: session abort, §8.9.</summary>
    public const int SessionAbort = 1223;

    /// <summary>212: authentication accepted, no further credentials needed for the session.</summary>
    public const int AuthenticationAccepted = 212;

    /// <summary>213: chunked item accepted and buffered.</summary>
    public const int ChunkAccepted = 213;

    /// <summary>214: operation cancelled (the user deferred, or the prompt timed out; §10.2).</summary>
    public const int OperationCancelled = 214;

    /// <summary>304: not executed (the user did not confirm; §10.2).</summary>
    public const int NotExecuted = 304;

    public const int InvalidCredentials = 401;

    public const int MissingCredentials = 407;

    public const int NotFound = 404;

    public const int AlreadyExists = 418;

    public const int CommandNotAllowed = 405;

    public const int OptionalFeatureNotSupported = 406;

    public const int IncompleteCommand = 412;

    public const int SizeMismatch = 424;

    public const int CommandFailed = 500;

    public const string AuthMd5 = "syncml:auth-md5";

    public const string B64 = "b64";
}
