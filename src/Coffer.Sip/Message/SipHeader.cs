namespace Coffer.Sip.Message;

/// <summary>One header field value: its long-form name and its value with folding removed.</summary>
public sealed record SipHeader(string Name, string Value);
