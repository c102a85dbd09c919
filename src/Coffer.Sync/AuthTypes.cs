namespace Coffer.Sync;

/// <summary>Authentication types of OMA-TS-SyncML_RepPro-V1_2 §5.1.4 (Cred) and OMA-TS-DS_Protocol-V1_2 §5.1.</summary>
public static class AuthTypes
{
    public const string Basic = "syncml:auth-basic";
    public const string Md5 = "syncml:auth-md5";
}
