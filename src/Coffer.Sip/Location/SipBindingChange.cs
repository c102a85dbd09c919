namespace Coffer.Sip.Location;

/// <summary>What one REGISTER does to a user's bindings: bindings written (added or replacing the device's) and devices removed.</summary>
public sealed record SipBindingChange(IReadOnlyList<SipBinding> Put, IReadOnlyList<string> Removed);
