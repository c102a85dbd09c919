using System.Globalization;
using System.Text;
using Coffer.Storage;
using Coffer.Sync.Recovery;
using Coffer.Sync.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Web.Tests;

/// <summary>
/// One user's data of every kind the server keeps for a user, each carrying a marker string found nowhere else, and the
/// values a route parameter can take to name it: item ids, device ids, storage-area generations, API tokens.
/// </summary>
public sealed class AliceData
{
    private AliceData()
    {
    }

    /// <summary>Strings of this user's content: none may appear in an answer to anyone else.</summary>
    public List<string> Markers { get; } = [];

    /// <summary>Route parameter name (lower case) → values naming this user's things.</summary>
    public Dictionary<string, List<string>> OwnValues { get; } = [];

    /// <summary>The datastore names with data of this user (route parameters that choose a datastore, not an owner).</summary>
    public List<string> Stores { get; } = [];

    public Dictionary<string, string> ItemContents { get; } = [];

    public required long UserId { get; init; }

    public required long DeviceRowId { get; init; }

    public required string DeviceId { get; init; }

    public required long Generation { get; init; }

    public required long TokenId { get; init; }

    public static async Task<AliceData> CreateAsync(WebServer server, UserAccount alice)
    {
        var services = server.App.Services;
        var items = services.GetRequiredService<WebItems>();
        var contents = new (DatastoreKind Kind, string Type, string Marker, string Text)[]
        {
            (DatastoreKind.Contacts, "text/vcard", "Quillfeather7731", "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Quillfeather7731;Ada;;;\r\nFN:Ada Quillfeather7731\r\nTEL:+4940777331\r\nEND:VCARD\r\n"),
            (DatastoreKind.Events, "text/calendar", "Brightwater4419", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:brightwater4419@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260110T090000Z\r\nDTEND:20260110T100000Z\r\nSUMMARY:Brightwater4419 meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
            (DatastoreKind.Notes, "text/plain", "Marrowgate5512", "Marrowgate5512 private note"),
            (DatastoreKind.Tasks, "text/calendar", "Fennimore2290", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VTODO\r\nUID:fennimore2290@test\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Fennimore2290 errand\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"),
            (DatastoreKind.Mail, "message/rfc822", "Lindqvist9043", "From: Lindqvist9043 <l@example.org>\r\nTo: ada@example.org\r\nSubject: Lindqvist9043 secret\r\nDate: Mon, 7 Dec 2026 07:00:00 +0000\r\nMessage-ID: <lindqvist9043@example.org>\r\n\r\nLindqvist9043 body\r\n"),
            (DatastoreKind.Sms, "text/x-vMessage", "Harrowdale6610", "BEGIN:VMSG\r\nVERSION:1.1\r\nX-IRMC-STATUS:READ\r\nX-IRMC-BOX:INBOX\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nTEL:+4940777331\r\nEND:VCARD\r\nBEGIN:VENV\r\nBEGIN:VBODY\r\nDate:2026-12-07T07:00:00Z\r\nHarrowdale6610 text\r\nEND:VBODY\r\nEND:VENV\r\nEND:VMSG\r\n"),
            (DatastoreKind.Files, "text/plain", "Oakenshaw1182", "Oakenshaw1182 private file"),
            (DatastoreKind.Photos, "image/svg+xml", "Pemberley5077", "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>Pemberley5077</title></svg>"),
        };
        var ids = new List<string>();
        var itemContents = new Dictionary<string, string>();
        var stores = new List<string>();
        foreach (var (kind, type, marker, text) in contents)
        {
            var added = await items.AddAsync(alice.Id, kind, type, Encoding.UTF8.GetBytes(text));
            ids.Add(added.Id);
            itemContents[added.Id] = Encoding.UTF8.GetString(added.Content!);
            stores.Add(kind.ToString().ToLowerInvariant());
        }

        const string deviceId = "IMEI:Thornbury3307";
        Device device;
        await using (var uow = await server.Store.BeginAsync())
        {
            device = await uow.Devices.RegisterAccessAsync(alice.Id, deviceId);
            (await uow.Settings.SetAsync(alice.Id, new UserSettings(SyncInterval.Weekly, 2, "Europe/Prague", "Ostravanet6621"))).ShouldBeTrue();
            await uow.CommitAsync();
        }

        var generation = await services.GetRequiredService<StorageArea>().SaveAsync(alice.Id, DatastoreKind.Contacts, "web");
        var (token, _) = (await services.GetRequiredService<ApiTokens>().CreateAsync(alice.Id, "Gullwing8820"))!.Value;

        var data = new AliceData
        {
            UserId = alice.Id,
            DeviceRowId = device.Id,
            DeviceId = deviceId,
            Generation = generation.Id,
            TokenId = token.Id,
        };
        data.Markers.AddRange(contents.Select(c => c.Marker));
        data.Markers.AddRange(["Thornbury3307", "Ostravanet6621", "Gullwing8820", "+4940777331"]);
        data.Stores.AddRange(stores);
        foreach (var (id, content) in itemContents)
        {
            data.ItemContents[id] = content;
        }

        string Id(long value) => value.ToString(CultureInfo.InvariantCulture);
        var everyId = ids.Concat([Id(device.Id), Id(generation.Id), Id(token.Id)]).ToList();
        foreach (var name in new[] { "id", "itemid", "item", "uid" })
        {
            data.OwnValues[name] = everyId;
        }

        data.OwnValues["device"] = data.OwnValues["deviceid"] = [Id(device.Id), Uri.EscapeDataString(deviceId)];
        data.OwnValues["generation"] = data.OwnValues["generationid"] = [Id(generation.Id)];
        data.OwnValues["token"] = data.OwnValues["tokenid"] = [Id(token.Id)];
        return data;
    }
}
