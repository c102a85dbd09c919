namespace Coffer.SyncML.Auth;

/// <summary>
/// The MetInf <c>Type</c> values of a <c>Cred</c>/<c>Chal</c> (OMA-TS-SyncML-RepPro-V1_2 §4.3 "Security", Cred/Chal;
/// SyncML Meta-Information 1.1.2 / OMA-TS-SyncML-MetaInfo-V1_2 "Type").
/// </summary>
public static class AuthTypes
{
    /// <summary>Basic authentication: Data = b64("user:password").</summary>
    public const string Basic = "syncml:auth-basic";

    /// <summary>MD5 digest authentication: Data = b64(md5(b64(md5("user:password")) + ":" + nonce)).</summary>
    public const string Md5 = "syncml:auth-md5";

    /// <summary>The <c>Format</c> both types use for their Data.</summary>
    public const string FormatB64 = "b64";
}
