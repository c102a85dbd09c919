namespace Coffer.Formats.Mail;

/// <summary>A Content-Type / Content-Disposition parameter (RFC 2045 §5.1) after RFC 2231 continuations and charsets are resolved.</summary>
public sealed record Parameter(string Name, string Value);
