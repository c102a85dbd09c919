namespace Coffer.Interop.Tests.Harness;

/// <summary>How the client authenticates (OMA-TS-DS_Protocol-V1_2 §6.3; SyncML Meta Type syncml:auth-basic / auth-md5).</summary>
public enum ClientAuth
{
    Basic,
    Md5,
}
