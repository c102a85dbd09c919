namespace Coffer.Interop.Tests.Harness;

/// <summary>The datastores every <see cref="Phone"/> has, each a folder of one-item files.</summary>
public enum Datastore
{
    /// <summary>vCard 3.0, remote "card".</summary>
    Contacts,

    /// <summary>iCalendar 2.0 events, remote "cal".</summary>
    Calendar,

    /// <summary>iCalendar 2.0 VTODOs, remote "task".</summary>
    Todo,

    /// <summary>text/plain notes, remote "note".</summary>
    Memo,

    /// <summary>vCard 2.1 forced on the wire, remote "card21"; disabled unless named in a sync.</summary>
    Contacts21,

    /// <summary>vCalendar 1.0 forced on the wire, remote "vcal"; disabled unless named in a sync.</summary>
    Vcal,
}
