using System.Globalization;
using System.Text;
using Coffer.SyncML;
using Coffer.SyncML.Auth;

namespace Coffer.Server.Tests.Security;

/// <summary>Pieces of SyncML 1.2 messages (OMA-TS-SyncML_RepPro-V1_2 §5, §6) for the security replays.</summary>
public static class SyncMessages
{
    public const string ServerStore = "card";
    public const string ClientStore = "./contacts";
    public const string VCardType = "text/vcard";

    public static Cred Basic(string user, string password) => new()
    {
        Meta = new MetInf { Type = AuthTypes.Basic, Format = "b64" },
        Data = BasicAuth.Encode(user, password),
    };

    /// <summary>md5 credentials (OMA-TS-SyncML_RepPro-V1_2 §4.3) over the nonce bytes (the decoded NextNonce).</summary>
    public static Cred Md5(string user, string password, byte[] nonce) => new()
    {
        Meta = new MetInf { Type = AuthTypes.Md5, Format = "b64" },
        Data = Md5Auth.Compute(user, password, nonce),
    };

    /// <summary>A sync Alert for the contacts datastore (OMA-TS-DS_Protocol-V1_2 §5.5); 200 two-way, 201 slow.</summary>
    public static AlertCommand Alert(int code, string next, string? last = null)
    {
        var alert = new AlertCommand { Code = code };
        alert.Items.Add(new Item
        {
            Target = new SyncLocation(ServerStore),
            Source = new SyncLocation(ClientStore),
            Meta = new MetInf { Anchor = new Anchor { Last = last, Next = next } },
        });
        return alert;
    }

    public static SyncCommand Sync(params SyncMLCommand[] commands)
    {
        var sync = new SyncCommand { Target = new SyncLocation(ServerStore), Source = new SyncLocation(ClientStore) };
        sync.Commands.AddRange(commands);
        return sync;
    }

    public static AddCommand Add(string luid, string vcard) => Item(new AddCommand(), luid, vcard);

    public static ReplaceCommand Replace(string luid, string vcard) => Item(new ReplaceCommand(), luid, vcard);

    /// <summary>One chunk of a large object (OMA-TS-DS_Protocol-V1_2 §6.10): the first carries the declared Size.</summary>
    public static AddCommand Chunk(string luid, string data, bool moreData, long? declaredSize)
    {
        var add = new AddCommand { Meta = new MetInf { Type = VCardType } };
        add.Items.Add(new Item
        {
            Source = new SyncLocation(luid),
            Meta = declaredSize == null ? null : new MetInf { Size = declaredSize },
            Data = ItemData.FromText(data),
            MoreData = moreData,
        });
        return add;
    }

    public static MapCommand Map(params (string Luid, string Guid)[] entries)
    {
        var map = new MapCommand { Target = new SyncLocation(ServerStore), Source = new SyncLocation(ClientStore) };
        map.MapItems.AddRange(entries.Select(e => new MapItem { Source = new SyncLocation(e.Luid), Target = new SyncLocation(e.Guid) }));
        return map;
    }

    /// <summary>A vCard 3.0 contact (RFC 2426) whose name is easy to look for in replies and in the store.</summary>
    public static string VCard(string fullName) =>
        $"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{fullName}\r\nN:{fullName};;;;\r\nTEL;TYPE=CELL:+1555{fullName.Sum(c => c) % 10_000_000:D7}\r\nEND:VCARD\r\n";

    /// <summary>Numbers every command without a CmdID, nested ones included, from 1 in document order.</summary>
    public static void NumberCommands(SyncMLMessage message)
    {
        var next = 1;
        Number(message.Body.Commands, ref next);
    }

    private static void Number(IEnumerable<SyncMLCommand> commands, ref int next)
    {
        foreach (var command in commands)
        {
            command.CmdID ??= (next++).ToString(CultureInfo.InvariantCulture);
            if (command is ContainerCommand container)
            {
                Number(container.Commands, ref next);
            }
        }
    }

    private static T Item<T>(T command, string luid, string vcard)
        where T : ItemCommand
    {
        command.Meta = new MetInf { Type = VCardType };
        command.Items.Add(new Item { Source = new SyncLocation(luid), Data = ItemData.FromText(vcard) });
        return command;
    }

    /// <summary>UTF-8 bytes of a literal message (for input the model cannot express, e.g. malformed commands).</summary>
    public static byte[] Utf8(string xml) => Encoding.UTF8.GetBytes(xml);
}
