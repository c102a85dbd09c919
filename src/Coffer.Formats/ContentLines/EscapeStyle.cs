namespace Coffer.Formats.ContentLines;

/// <summary>Which backslash escapes a format's text values use.</summary>
public enum EscapeStyle
{
    /// <summary>vCard 3.0/4.0 and iCalendar: \\ \; \, \n (RFC 2426 §4, RFC 6350 §3.4, RFC 5545 §3.3.11).</summary>
    Rfc,

    /// <summary>vCard 2.1 and vCalendar 1.0: only ";" is escaped (vCard 2.1 §2.1.3); line breaks travel quoted-printable.</summary>
    Legacy,
}
