namespace Coffer.Sip.Message;

/// <summary>Header field names: long forms, the compact forms of RFC 3261 §7.3.3 and §20, and which are lists.</summary>
public static class HeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string Contact = "Contact";
    public const string MaxForwards = "Max-Forwards";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string ContentEncoding = "Content-Encoding";
    public const string Expires = "Expires";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Require = "Require";
    public const string ProxyRequire = "Proxy-Require";
    public const string Supported = "Supported";
    public const string Unsupported = "Unsupported";
    public const string Allow = "Allow";
    public const string Accept = "Accept";
    public const string Date = "Date";
    public const string Subject = "Subject";
    public const string Authorization = "Authorization";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string UserAgent = "User-Agent";
    public const string Server = "Server";
    public const string Event = "Event";
    public const string AllowEvents = "Allow-Events";
    public const string SubscriptionState = "Subscription-State";

    // RFC 3261 §7.3.3 and §20, plus the compact forms registered since (RFC 3265, 3515, 3892, 4028, 3841).
    private static readonly Dictionary<string, string> Compact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["i"] = CallId,
        ["m"] = Contact,
        ["e"] = ContentEncoding,
        ["l"] = ContentLength,
        ["c"] = ContentType,
        ["f"] = From,
        ["s"] = Subject,
        ["k"] = Supported,
        ["t"] = To,
        ["v"] = Via,
        ["o"] = "Event",
        ["u"] = "Allow-Events",
        ["r"] = "Refer-To",
        ["b"] = "Referred-By",
        ["x"] = "Session-Expires",
        ["a"] = "Accept-Contact",
        ["j"] = "Reject-Contact",
        ["d"] = "Request-Disposition",
    };

    private static readonly Dictionary<string, string> Known = new[]
    {
        Via, From, To, CallId, CSeq, Contact, MaxForwards, ContentLength, ContentType, ContentEncoding, Expires, Route,
        RecordRoute, Require, ProxyRequire, Supported, Unsupported, Allow, Accept, Date, Subject, Authorization,
        ProxyAuthorization, WwwAuthenticate, ProxyAuthenticate, UserAgent, Server, "Accept-Encoding",
        "Accept-Language", "Alert-Info", "Call-Info", "Error-Info", "In-Reply-To", "Warning", "Min-Expires",
        "Organization", "Priority", "Reply-To", "Retry-After", "Timestamp", "MIME-Version",
        "Authentication-Info", "Content-Disposition", "Content-Language", Event, AllowEvents, SubscriptionState,
    }.ToDictionary(n => n, StringComparer.OrdinalIgnoreCase);

    // RFC 3261 §7.3.1: only header fields whose grammar is a comma-separated list may be split at commas;
    // Authorization and the challenges carry commas between their own parameters and stay whole.
    private static readonly HashSet<string> Lists = new(StringComparer.OrdinalIgnoreCase)
    {
        Via, Contact, Route, RecordRoute, Require, ProxyRequire, Supported, Unsupported, Allow, Accept,
        ContentEncoding, "Accept-Encoding", "Accept-Language", "Alert-Info", "Call-Info", "Error-Info",
        "In-Reply-To", "Warning", "Allow-Events", "Content-Language",
    };

    // RFC 3261 §20: header fields that may appear once only.
    private static readonly HashSet<string> Single = new(StringComparer.OrdinalIgnoreCase)
    {
        From, To, CallId, CSeq, MaxForwards, ContentLength, ContentType, Expires, Date, "Min-Expires",
    };

    /// <summary>The long form of a compact name, and the usual spelling of a known name; other names unchanged.</summary>
    public static string Canonical(string name) =>
        Compact.TryGetValue(name, out var longName) ? longName
        : Known.TryGetValue(name, out var known) ? known
        : name;

    public static bool IsList(string canonicalName) => Lists.Contains(canonicalName);

    public static bool IsSingle(string canonicalName) => Single.Contains(canonicalName);
}
