using System.Text;
using BenchmarkDotNet.Attributes;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Transactions;

namespace Coffer.Bench.Sip;

/// <summary>
/// The SIP registrar's work per message (bench/README.md "SIP registrar"): parsing SIPp's REGISTER, serializing the
/// 401 and the 200, and one whole registration (REGISTER → 401 → REGISTER with digest → 200) through transport,
/// transaction layer and registrar in memory.
/// </summary>
[MemoryDiagnoser]
public class SipBenchmarks
{
    private const int Users = 10_000;
    private readonly SipMessageParser _parser = new(SipCompliance.Loose);
    private byte[] _register = [];
    private SipResponse _unauthorized = null!;
    private SipResponse _ok = null!;
    private SipRegisterRig _rig = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _register = Encoding.UTF8.GetBytes(
            "REGISTER sip:127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5062;branch=z9hG4bK-1-1-0;rport\r\nMax-Forwards: 70\r\n" +
            "From: <sip:sip00001@127.0.0.1>;tag=1-1\r\nTo: <sip:sip00001@127.0.0.1>\r\nCall-ID: 1-4711@127.0.0.2\r\nCSeq: 2 REGISTER\r\n" +
            "Contact: <sip:sip00001@127.0.0.2:5062>\r\n" +
            "Authorization: Digest username=\"sip00001\",realm=\"coffer\",uri=\"sip:127.0.0.1:5060\",nonce=\"MTczMzYwOTYwMC4xMjM0NTY3ODkw\"," +
            "response=\"0123456789abcdef0123456789abcdef\",algorithm=MD5,cnonce=\"6b8b4567\",qop=auth,nc=00000001\r\n" +
            "Expires: 60\r\nUser-Agent: SIPp\r\nContent-Length: 0\r\n\r\n");
        var request = (SipRequest)_parser.Parse(_register);
        _unauthorized = SipResponses.Create(request, 401, "Unauthorized", "coffer-registrar");
        _unauthorized.Headers.Add(HeaderNames.WwwAuthenticate,
            "Digest realm=\"coffer\", nonce=\"MTczMzYwOTYwMC4xMjM0NTY3ODkw.0123456789abcdef\", algorithm=MD5, qop=\"auth\"");
        _ok = SipResponses.Create(request, 200, "OK", "coffer-registrar");
        _ok.Headers.Add(HeaderNames.Contact, "<sip:sip00001@127.0.0.2:5062>;expires=60");
        _ok.Headers.Add(HeaderNames.Date, "Mon, 07 Dec 2026 22:00:00 GMT");
        _rig = new SipRegisterRig(Users);
    }

    [GlobalCleanup]
    public void Cleanup() => _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "SIP parse REGISTER with Authorization")]
    public SipMessage ParseRegister() => _parser.Parse(_register);

    [Benchmark(Description = "SIP serialize 401 with challenge")]
    public byte[] Serialize401() => SipMessageSerializer.Serialize(_unauthorized);

    [Benchmark(Description = "SIP serialize 200 with Contact")]
    public byte[] Serialize200() => SipMessageSerializer.Serialize(_ok);

    [Benchmark(Description = "SIP registration: REGISTER, 401, REGISTER, 200 in memory")]
    public async Task<int> Registration()
    {
        var n = Interlocked.Increment(ref _next);
        var user = SipRegisterRig.User(n % Users + 1);
        var callId = $"{n}-bench";
        var challenge = WwwAuthenticate(await _rig.SendAsync(user, callId, 1, null));
        var authorization = DigestClient.Authorize(challenge, user, SipRegisterRig.Password, "REGISTER", "sip:127.0.0.1:5060")!;
        var ok = await _rig.SendAsync(user, callId, 2, authorization);
        // A registration that does not end in 200 would measure something else.
        return ok.AsSpan().StartsWith("SIP/2.0 200 "u8) ? ok.Length : throw new InvalidOperationException(Encoding.UTF8.GetString(ok));
    }

    private static string WwwAuthenticate(byte[] response)
    {
        var text = Encoding.UTF8.GetString(response);
        var start = text.IndexOf("WWW-Authenticate: ", StringComparison.Ordinal) + "WWW-Authenticate: ".Length;
        return text[start..text.IndexOf("\r\n", start, StringComparison.Ordinal)];
    }
}
