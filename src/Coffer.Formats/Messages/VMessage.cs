using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Messages;

/// <summary>
/// An SMS as text/x-vMessage (IrMC 1.1 §3.3.3.4 vMessage 1.1): status and folder, the originator's vCard,
/// the recipients' vCards from the envelope (VENV) and the body (VBODY).
/// </summary>
public sealed class VMessage
{
    /// <summary>X-IRMC-STATUS: READ or UNREAD (other values kept as written).</summary>
    public string? Status { get; set; }

    public bool IsRead => string.Equals(Status, "READ", StringComparison.OrdinalIgnoreCase);

    /// <summary>X-IRMC-BOX: INBOX, OUTBOX, SENT, DRAFT... as written.</summary>
    public string? Box { get; set; }

    /// <summary>X-IRMC-TYPE (SMS, MMS, EMAIL...), when given.</summary>
    public string? Type { get; set; }

    /// <summary>The vCard between BEGIN:VMSG and BEGIN:VENV: who sent the message.</summary>
    public VCard.VCard? Originator { get; set; }

    /// <summary>The vCards inside the envelope(s), outermost first; nested envelopes are flattened.</summary>
    public List<VCard.VCard> Recipients { get; } = [];

    public VMessageBody Body { get; set; } = new();

    /// <summary>Other VMSG-level properties (X- extensions), kept for a lossless rewrite.</summary>
    public List<ContentLine> OtherProperties { get; } = [];
}
