namespace Coffer.Sync.Web;

/// <summary>The phone book file formats of download and upload (docs/csv.md, docs/vcard.md).</summary>
public enum ContactFileFormat
{
    /// <summary>vCard 3.0, every contact in one .vcf file.</summary>
    VCard,

    /// <summary>Google Contacts CSV (the current layout).</summary>
    Google,

    /// <summary>Outlook CSV.</summary>
    Outlook,
}
