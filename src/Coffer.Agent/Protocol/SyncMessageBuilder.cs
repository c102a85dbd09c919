using System.Globalization;
using Coffer.Agent.Sources;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.DevInf;

namespace Coffer.Agent.Protocol;

/// <summary>
/// Builds the client's messages of one session: the SyncHdr (OMA-TS-SyncML_RepPro-V1_2 §5.1) with the session id and
/// increasing MsgIDs, credentials in the first message only (OMA-TS-DS_Protocol-V1_2 §5.3: once the server has
/// accepted them the session is authenticated) — basic, or md5 over the server's last NextNonce — and the commands a
/// client sends for one datastore.
/// </summary>
public sealed class SyncMessageBuilder(ClientAccount account, ClientSettings settings, DatastoreInfo datastore, AuthState auth, string sessionId)
{
    public const string DevInfType = "application/vnd.syncml-devinf+xml";
    public const string DevInfUri = "./devinf12";

    private int msgId;

    public string SessionId => sessionId;

    /// <summary>The MsgID of the last message built; set to go on with a session another run began.</summary>
    public int LastMsgId
    {
        get => msgId;
        init => msgId = value;
    }

    public OutgoingMessage NewMessage()
    {
        var m = new SyncMLMessage();
        m.Header.VerDTD = "1.2";
        m.Header.VerProto = "SyncML/1.2";
        m.Header.SessionID = sessionId;
        m.Header.MsgID = (++msgId).ToString(CultureInfo.InvariantCulture);
        m.Header.Target = new SyncLocation(account.ServerUrl.ToString());
        m.Header.Source = new SyncLocation(account.DeviceId, account.User);
        m.Header.Meta = new MetInf { MaxMsgSize = settings.MaxMsgSize, MaxObjSize = settings.MaxObjSize };
        if (msgId == 1)
        {
            m.Header.Cred = auth.IsMd5
                ? new Cred
                {
                    Meta = new MetInf { Type = AuthTypes.Md5, Format = AuthTypes.FormatB64 },
                    Data = Md5Auth.Compute(account.User, account.Password, Md5Auth.DecodeNonce(auth.NextNonce)),
                }
                : new Cred
                {
                    Meta = new MetInf { Type = AuthTypes.Basic, Format = AuthTypes.FormatB64 },
                    Data = BasicAuth.Encode(account.User, account.Password),
                };
        }

        return new OutgoingMessage(m);
    }

    /// <summary>The sync Alert of package 1 with the anchors (OMA-TS-DS_Protocol-V1_2 §5.6, §6.1.1).</summary>
    public AlertCommand SyncAlert(int code, string? lastAnchor, string nextAnchor)
    {
        var alert = new AlertCommand { Code = code };
        alert.Items.Add(new Item
        {
            Target = new SyncLocation(datastore.ServerUri),
            Source = new SyncLocation(datastore.LocalUri),
            Meta = new MetInf { Anchor = new Anchor { Last = lastAnchor, Next = nextAnchor }, MaxObjSize = datastore.Binary ? settings.MaxStreamedObjSize : settings.MaxObjSize },
        });
        return alert;
    }

    /// <summary>Alert 222: the client asks for the next message of the server's package (OMA-TS-DS_Protocol-V1_2 §8.1.1).</summary>
    public AlertCommand NextMessageAlert()
    {
        var alert = new AlertCommand { Code = AlertCode.NextMessage };
        alert.Items.Add(new Item { Target = new SyncLocation(account.ServerUrl.ToString()), Source = new SyncLocation(account.DeviceId) });
        return alert;
    }

    /// <summary>Put of the client's DevInf in package 1 (OMA-TS-DS_Protocol-V1_2 §5.5: sent on first contact).</summary>
    public static PutCommand PutDevInf(DeviceInfo info)
    {
        var put = new PutCommand { Meta = new MetInf { Type = DevInfType } };
        put.Items.Add(new Item { Source = new SyncLocation(DevInfUri), Data = ItemData.FromElement(DevInfXml.Write(info, DevInfVersion.V12)) });
        return put;
    }

    /// <summary>
    /// Get of the server's DevInf in package 1 (OMA-TS-DS_Protocol-V1_2 §5.5): whether it reads item data in Format bin
    /// (<see cref="BinItemData"/>) is in it.
    /// </summary>
    public static GetCommand GetDevInf()
    {
        var get = new GetCommand { Meta = new MetInf { Type = DevInfType } };
        get.Items.Add(new Item { Target = new SyncLocation(DevInfUri) });
        return get;
    }

    /// <summary>Results answering the server's Get of our DevInf (OMA-TS-DS_Protocol-V1_2 §5.5).</summary>
    public static ResultsCommand DevInfResults(string msgRef, string? cmdRef, DeviceInfo info)
    {
        var results = new ResultsCommand { MsgRef = msgRef, CmdRef = cmdRef, Meta = new MetInf { Type = DevInfType } };
        results.SourceRefs.Add(DevInfUri);
        results.Items.Add(new Item { Source = new SyncLocation(DevInfUri), Data = ItemData.FromElement(DevInfXml.Write(info, DevInfVersion.V12)) });
        return results;
    }

    public SyncCommand Sync(long? numberOfChanges) => new()
    {
        Target = new SyncLocation(datastore.ServerUri),
        Source = new SyncLocation(datastore.LocalUri),
        NumberOfChanges = numberOfChanges,
    };

    /// <summary>Map of the LUIDs the client gave to the server's Adds (OMA-TS-DS_Protocol-V1_2 §5.9, package 5).</summary>
    public MapCommand Map(IEnumerable<MapItem> items)
    {
        var map = new MapCommand { Target = new SyncLocation(datastore.ServerUri), Source = new SyncLocation(datastore.LocalUri) };
        map.MapItems.AddRange(items);
        return map;
    }
}
