using System.Globalization;
using System.Xml.Linq;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Tests.TestSupport;

/// <summary>
/// Fluent builder of a client's SyncML message over the Coffer.SyncML model: CmdIDs are numbered in order, the
/// SyncHdr addresses <see cref="EngineHost.Endpoint"/>. Build with <see cref="Build"/>.
/// </summary>
public sealed class ClientMessage
{
    private readonly SyncMLMessage message = new();
    private int nextCmdId = 1;

    public ClientMessage(string deviceId, string msgId, string sessionId = "1", SyncMLVersion version = SyncMLVersion.V1_2)
    {
        message.Version = version;
        message.Header.VerProto = version switch
        {
            SyncMLVersion.V1_0 => "SyncML/1.0",
            SyncMLVersion.V1_1 => "SyncML/1.1",
            _ => "SyncML/1.2",
        };
        message.Header.SessionID = sessionId;
        message.Header.MsgID = msgId;
        message.Header.Target = new SyncLocation(EngineHost.Endpoint);
        message.Header.Source = new SyncLocation(deviceId);
    }

    public string NextCmdId() => (nextCmdId++).ToString(CultureInfo.InvariantCulture);

    public ClientMessage BasicAuth(string user, string password)
    {
        message.Header.Cred = new Cred
        {
            Meta = new MetInf { Type = AuthTypes.Basic, Format = "b64" },
            Data = Coffer.SyncML.Auth.BasicAuth.Encode(user, password),
        };
        return this;
    }

    public ClientMessage MaxMsgSize(long size)
    {
        message.Header.Meta ??= new MetInf();
        message.Header.Meta.MaxMsgSize = size;
        return this;
    }

    public ClientMessage MaxObjSize(long size)
    {
        message.Header.Meta ??= new MetInf();
        message.Header.Meta.MaxObjSize = size;
        return this;
    }

    /// <summary>Addresses the RespURI the server gave (OMA-TS-SyncML_RepPro-V1_2 §5.1.9: later messages go there).</summary>
    public ClientMessage To(string respUri)
    {
        message.Header.Target = new SyncLocation(respUri);
        return this;
    }

    /// <summary>A sync Alert for one datastore with its anchors (OMA-TS-DS_Protocol-V1_2 §5.5/§5.6).</summary>
    public ClientMessage Alert(int code, string target, string source, string? last, string next, long? maxObjSize = null)
    {
        var alert = new AlertCommand { CmdID = NextCmdId(), Code = code };
        alert.Items.Add(new Item
        {
            Target = new SyncLocation(target),
            Source = new SyncLocation(source),
            Meta = new MetInf { Anchor = new Anchor { Last = last, Next = next }, MaxObjSize = maxObjSize },
        });
        message.Body.Commands.Add(alert);
        return this;
    }

    /// <summary>Alert 222 "next message" (OMA-TS-DS_Protocol-V1_2 §6.4).</summary>
    public ClientMessage NextMessageAlert()
    {
        var alert = new AlertCommand { CmdID = NextCmdId(), Code = AlertCode.NextMessage };
        alert.Items.Add(new Item { Target = new SyncLocation(EngineHost.Endpoint), Source = new SyncLocation(message.Header.Source!.LocURI!) });
        message.Body.Commands.Add(alert);
        return this;
    }

    /// <summary>Put of the client's DevInf (OMA-TS-DS_Protocol-V1_2 §5.5, OMA-TS-DS_DevInf-V1_2).</summary>
    public ClientMessage PutDevInf(DeviceInfo info)
    {
        var put = new PutCommand { CmdID = NextCmdId(), Meta = new MetInf { Type = "application/vnd.syncml-devinf+xml" } };
        put.Items.Add(new Item { Source = new SyncLocation("./devinf12"), Data = ItemData.FromElement(DevInfXml.Write(info, DevInfVersion.V12)) });
        message.Body.Commands.Add(put);
        return this;
    }

    public ClientMessage Sync(string target, string source, Action<SyncBuilder> changes, long? numberOfChanges = null)
    {
        var sync = new SyncCommand { CmdID = NextCmdId(), Target = new SyncLocation(target), Source = new SyncLocation(source), NumberOfChanges = numberOfChanges };
        changes(new SyncBuilder(this, sync));
        message.Body.Commands.Add(sync);
        return this;
    }

    public ClientMessage Map(string target, string source, params (string Luid, string Guid)[] entries)
    {
        var map = new MapCommand { CmdID = NextCmdId(), Target = new SyncLocation(target), Source = new SyncLocation(source) };
        foreach (var (luid, guid) in entries)
        {
            map.MapItems.Add(new MapItem { Source = new SyncLocation(luid), Target = new SyncLocation(guid) });
        }

        message.Body.Commands.Add(map);
        return this;
    }

    /// <summary>A Status for one command of a server message (OMA-TS-SyncML_RepPro-V1_2 §5.4 Status).</summary>
    public ClientMessage Status(string msgRef, string cmdRef, string cmd, int code, string? sourceRef = null, string? targetRef = null)
    {
        var status = new StatusCommand { CmdID = NextCmdId(), MsgRef = msgRef, CmdRef = cmdRef, Cmd = cmd, Code = code };
        if (sourceRef != null)
        {
            status.SourceRefs.Add(sourceRef);
        }

        if (targetRef != null)
        {
            status.TargetRefs.Add(targetRef);
        }

        message.Body.Commands.Add(status);
        return this;
    }

    /// <summary>
    /// Answers every command of a server reply as a well-behaved client: the SyncHdr, each Alert/Get/Results/Sync
    /// and each item command inside a Sync (with its Source/Target ref). <paramref name="codeFor"/> can refuse items.
    /// </summary>
    public ClientMessage Acknowledge(SyncMLMessage reply, Func<ItemCommand, Item, int>? codeFor = null)
    {
        var msgRef = reply.Header.MsgID!;
        Status(msgRef, "0", "SyncHdr", StatusCode.Ok);
        foreach (var command in reply.Body.Commands)
        {
            switch (command)
            {
                case StatusCommand:
                    break;
                case SyncCommand sync:
                    Status(msgRef, sync.CmdID!, "Sync", StatusCode.Ok);
                    foreach (var nested in sync.Commands.OfType<ItemCommand>())
                    {
                        foreach (var item in nested.Items)
                        {
                            var code = codeFor?.Invoke(nested, item) ?? (nested is AddCommand ? StatusCode.ItemAdded : StatusCode.Ok);
                            if (item.MoreData)
                            {
                                code = StatusCode.ChunkedItemAccepted;
                            }

                            Status(msgRef, nested.CmdID!, nested.ElementName, code, item.Source?.LocURI, item.Target?.LocURI);
                        }
                    }

                    break;
                default:
                    Status(msgRef, command.CmdID!, command.ElementName, StatusCode.Ok);
                    break;
            }
        }

        return this;
    }

    public ClientMessage Command(SyncMLCommand command)
    {
        command.CmdID ??= NextCmdId();
        message.Body.Commands.Add(command);
        return this;
    }

    public ClientMessage Final(bool final = true)
    {
        message.Body.Final = final;
        return this;
    }

    public SyncMLMessage Build() => message;

    /// <summary>The commands inside one Sync of a <see cref="ClientMessage"/>.</summary>
    public sealed class SyncBuilder
    {
        private readonly ClientMessage owner;
        private readonly SyncCommand sync;

        internal SyncBuilder(ClientMessage owner, SyncCommand sync)
        {
            this.owner = owner;
            this.sync = sync;
        }

        public SyncBuilder Add(string luid, string data, string type = "text/x-vcard") =>
            Item(new AddCommand(), new Item { Source = new SyncLocation(luid), Data = ItemData.FromText(data) }, type);

        public SyncBuilder Replace(string luid, string data, string type = "text/x-vcard") =>
            Item(new ReplaceCommand(), new Item { Source = new SyncLocation(luid), Data = ItemData.FromText(data) }, type);

        public SyncBuilder Delete(string luid) =>
            Item(new DeleteCommand(), new Item { Source = new SyncLocation(luid) }, null);

        /// <summary>One chunk of a large object (OMA-TS-DS_Protocol-V1_2 §6.10): Size on the first, MoreData on all but the last.</summary>
        public SyncBuilder AddChunk(string luid, string piece, bool moreData, long? size, string type = "text/x-vcard")
        {
            var item = new Item { Source = new SyncLocation(luid), Data = ItemData.FromText(piece), MoreData = moreData };
            if (size != null)
            {
                item.Meta = new MetInf { Size = size };
            }

            return Item(new AddCommand(), item, type);
        }

        /// <summary>Several items in one command.</summary>
        public SyncBuilder AddMany(string type, params (string Luid, string Data)[] items)
        {
            var add = new AddCommand { CmdID = owner.NextCmdId(), Meta = new MetInf { Type = type } };
            foreach (var (luid, data) in items)
            {
                add.Items.Add(new Item { Source = new SyncLocation(luid), Data = ItemData.FromText(data) });
            }

            sync.Commands.Add(add);
            return this;
        }

        public SyncBuilder Command(SyncMLCommand command)
        {
            command.CmdID ??= owner.NextCmdId();
            sync.Commands.Add(command);
            return this;
        }

        private SyncBuilder Item(ItemCommand command, Item item, string? type)
        {
            command.CmdID = owner.NextCmdId();
            if (type != null)
            {
                command.Meta = new MetInf { Type = type };
            }

            command.Items.Add(item);
            sync.Commands.Add(command);
            return this;
        }
    }
}
