using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Proxy;

/// <summary>A deep copy of a message: the proxy changes the copy it forwards, never what its transactions hold.</summary>
internal static class SipMessageCopy
{
    private static readonly SipMessageParser Parser = new(SipCompliance.Loose);

    public static T Of<T>(T message) where T : SipMessage => (T)Parser.Parse(SipMessageSerializer.Serialize(message));
}
