namespace Coffer.SyncML;

/// <summary>
/// Credentials (OMA-TS-SyncML_RepPro-V1_2, element Cred): the Meta says Type (syncml:auth-basic, syncml:auth-md5)
/// and Format (b64); Data carries the credential string as sent.
/// </summary>
public sealed class Cred
{
    public MetInf? Meta { get; set; }

    public string? Data { get; set; }
}
