namespace Coffer.SyncML;

/// <summary>
/// Alert: the code in Data says what is asked — a sync type per datastore with its anchors in the Item Meta,
/// next message, suspend, resume (OMA-TS-SyncML_RepPro-V1_2, element Alert; codes in <see cref="AlertCode"/>).
/// </summary>
public sealed class AlertCommand : ItemCommand
{
    /// <summary>The alert code (the Data element); null when the Alert carried no Data.</summary>
    public int? Code { get; set; }

    /// <summary>Correlator (1.2).</summary>
    public string? Correlator { get; set; }

    public override string ElementName => "Alert";
}
