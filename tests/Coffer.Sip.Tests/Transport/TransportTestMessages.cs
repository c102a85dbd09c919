using System.Text;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Tests.Transport;

internal static class TransportTestMessages
{
    public static SipRequest Register(string transport, string sentBy, string branch = "z9hG4bKt1", int bodyLength = 0) =>
        (SipRequest)new SipMessageParser().Parse(Encoding.UTF8.GetBytes(
            "REGISTER sip:127.0.0.1 SIP/2.0\r\n" +
            $"Via: SIP/2.0/{transport} {sentBy};branch={branch};rport\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=f1\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: c1@127.0.0.1\r\n" +
            "CSeq: 1 REGISTER\r\nMax-Forwards: 70\r\nContact: <sip:alice@127.0.0.1:5070>\r\n" +
            $"Content-Length: {bodyLength}\r\n\r\n" + new string('x', bodyLength)));

    public static async Task<T> Within<T>(Task<T> task)
    {
        // Only a guard against a hang: a test never depends on how long this takes.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await task.WaitAsync(guard.Token);
    }
}
