namespace Coffer.Sip.Message;

/// <summary>The methods of RFC 3261 and the extensions the control server meets. Methods are case-sensitive (§7.1).</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Register = "REGISTER";
    public const string Options = "OPTIONS";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Message = "MESSAGE";
}
