namespace Coffer.Sip.Session;

/// <summary>
/// What a peer session synchronizes (seed 003 §4 and §5.1: address book, calendar, SMS, pictures, mp3, files; and the
/// agent's tasks and notes, which go by SyncML like the calendar).
/// </summary>
public enum PeerDataType
{
    Contacts,
    Calendar,
    Sms,
    Pictures,
    Music,
    Files,
    Tasks,
    Notes,
}
