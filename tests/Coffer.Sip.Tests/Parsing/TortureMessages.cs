namespace Coffer.Sip.Tests.Parsing;

/// <summary>What RFC 4475 §3 says of each of its 49 messages, and what each compliance mode does with it.</summary>
internal static class TortureMessages
{
    /// <summary>Accepted in both modes.</summary>
    public static readonly string[] Valid =
    [
        // §3.1.1 valid messages
        "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports",
        "mpart01", "unreason", "noreason",
        // §3.2 transaction layer, §3.3 application layer, §3.4 RFC 2543 syntax: syntactically valid
        "badbranch", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01", "bcast", "zeromf", "cparam01",
        "cparam02", "regescrt", "sdp01", "inv2543",
    ];

    /// <summary>Refused in Strict with this response (0: a response, discarded), and whether Loose accepts it.</summary>
    public static readonly (string Name, int Status, bool LooseAccepts)[] Invalid =
    [
        ("badinv01", 400, false), // §3.1.2.1 extraneous header field separators
        ("clerr", 400, false), // §3.1.2.2 Content-Length larger than the message
        ("ncl", 400, false), // §3.1.2.3 negative Content-Length
        ("scalar02", 400, false), // §3.1.2.4 overlarge CSeq
        ("scalarlg", 0, false), // §3.1.2.5 response with overlarge scalars
        ("quotbal", 400, false), // §3.1.2.6 unterminated quoted string
        ("ltgtruri", 400, false), // §3.1.2.7 <> around the Request-URI
        ("lwsruri", 400, false), // §3.1.2.8 LWS inside the Request-URI
        ("lwsstart", 400, true), // §3.1.2.9 several SP in the Request-Line
        ("trws", 400, true), // §3.1.2.10 SP at the end of the Request-Line
        ("escruri", 400, true), // §3.1.2.11 escaped headers in the Request-URI (Loose drops them)
        ("baddate", 400, true), // §3.1.2.12 Date not in GMT (Loose ignores the Date)
        ("regbadct", 400, false), // §3.1.2.13 addr-spec with "?" outside <>
        ("badaspec", 400, true), // §3.1.2.14 spaces inside <>
        ("baddn", 400, false), // §3.1.2.15 non-token display name
        ("badvers", 505, false), // §3.1.2.16 SIP/7.0
        ("mismatch01", 400, false), // §3.1.2.17 CSeq method differs
        ("mismatch02", 400, false), // §3.1.2.18 unknown method, CSeq method differs
        ("bigcode", 0, false), // §3.1.2.19 overlarge status code
        ("insuf", 400, false), // §3.3.1 missing required header fields
        ("multi01", 400, false), // §3.3.8 several values in single-value header fields
        ("mcl01", 400, false), // §3.3.9 several Content-Length values
    ];
}
