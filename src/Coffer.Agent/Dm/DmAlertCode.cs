namespace Coffer.Agent.Dm;

/// <summary>The DM alert codes the client sends and answers (OMA-TS-DM_Protocol-V1_2 §10.2 "Alert Codes").</summary>
public static class DmAlertCode
{
    public const int Display = 1100;
    public const int Confirm = 1101;
    public const int TextInput = 1102;
    public const int SingleChoice = 1103;
    public const int MultipleChoice = 1104;
    public const int ServerInitiated = 1200;
    public const int ClientInitiated = 1201;
    public const int NextMessage = 1222;
    public const int SessionAbort = 1223;
}
