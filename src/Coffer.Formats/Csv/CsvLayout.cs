namespace Coffer.Formats.Csv;

/// <summary>The contact CSV dialects Coffer reads and writes.</summary>
public enum CsvLayout
{
    /// <summary>Google Contacts "Google CSV" before 2020: Name, Given Name, Additional Name, Family Name, ..., E-mail 1 - Type/Value.</summary>
    GoogleLegacy,

    /// <summary>Google Contacts export since 2020: First Name, Middle Name, Last Name, ..., Labels, E-mail 1 - Label/Value.</summary>
    Google,

    /// <summary>Microsoft Outlook "Comma Separated Values": fixed columns (E-mail Address, Business Phone, Home Street...).</summary>
    Outlook,
}
