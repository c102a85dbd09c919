using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Coffer.Agent.Dm;
using Coffer.SyncML;
using Coffer.SyncML.Auth;

using Coffer.SyncML.Dm;

namespace Coffer.Agent.Tests.Dm;

/// <summary>
/// A DM server on 127.0.0.1 written for the tests: it speaks DM 1.2 over HTTP with Coffer.SyncML's codec, checks the
/// client's md5 Cred over the nonce it issued, authenticates itself over the client's nonce (or with a wrong secret
/// when told to), answers every command with a Status, and sends the management commands its script gives, one
/// message per step, until the script has nothing more (then Final with no commands ends the session). It keeps every
/// message it received and the Results of its Gets, large objects reassembled.
/// </summary>
internal sealed class ScriptedDmServer : IDisposable
{
    public const string ServerId = "coffer";
    public const string ClientName = "phone-1-dm";
    public const string ClientSecret = "client secret";
    public const string ServerSecret = "server secret";

    private readonly HttpListener listener = new();
    private readonly Task loop;
    private readonly Dictionary<string, (string Format, MemoryStream Bytes)> partial = [];
    private string serverNonce = string.Empty;
    private int msgId;

    public ScriptedDmServer(Func<ScriptedDmServer, SyncMLMessage, List<SyncMLCommand>?> script)
    {
        Script = script;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/dm");
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public Func<ScriptedDmServer, SyncMLMessage, List<SyncMLCommand>?> Script { get; set; }

    /// <summary>The client's last NextNonce: the server's Cred is over it.</summary>
    public string ClientNonce { get; set; } = string.Empty;

    /// <summary>The secret the server's Cred is made with (a wrong one to test the client's check).</summary>
    public string CredSecret { get; set; } = ServerSecret;

    /// <summary>The largest message the server takes.</summary>
    public long MaxMsgSize { get; set; } = 1 << 20;

    public List<SyncMLMessage> Received { get; } = [];

    /// <summary>Whole values of the Results received, by node URI.</summary>
    public Dictionary<string, (string Format, byte[] Bytes)> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>The client's Creds that did not verify.</summary>
    public int RefusedCreds { get; private set; }

    public List<StatusCommand> Statuses => [.. Received.SelectMany(m => m.Body.Commands.OfType<StatusCommand>())];

    public DmAccount Account() => new()
    {
        ServerId = ServerId,
        ServerUrl = Url,
        ClientName = ClientName,
        ClientSecret = ClientSecret,
        ServerSecret = ServerSecret,
    };

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's end ends the loop with an exception.
        }
    }

    public static AddCommand Add(string uri, string format, byte[] data, bool moreData = false, long? size = null)
    {
        var add = new AddCommand();
        add.Items.Add(Item(uri, format, data, moreData, size));
        return add;
    }

    public static T WithTarget<T>(T command, string uri, string? data = null)
        where T : ItemCommand
    {
        command.Items.Add(new Item { Target = new SyncLocation(uri), Data = data == null ? null : ItemData.FromText(data) });
        return command;
    }

    public static Item Item(string uri, string format, byte[] data, bool moreData = false, long? size = null) => new()
    {
        Target = new SyncLocation(uri),
        Meta = new MetInf { Format = format == DmFormat.Bin ? DmFormat.B64 : format, Size = size },
        Data = format is DmFormat.Bin or DmFormat.B64 ? ItemData.FromText(Convert.ToBase64String(data)) : ItemData.FromText(System.Text.Encoding.UTF8.GetString(data)),
        MoreData = moreData,
    };

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var reply = Answer(SyncMLXml.Parse(body.ToArray().AsSpan()));
            var bytes = SyncMLXml.ToUtf8Bytes(reply);
            context.Response.ContentType = "application/vnd.syncml.dm+xml";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private SyncMLMessage Answer(SyncMLMessage message)
    {
        Received.Add(message);
        var header = message.Header;
        foreach (var chal in message.Body.Commands.OfType<StatusCommand>().Where(s => s.CmdRef == "0" && s.Chal?.Meta?.NextNonce != null))
        {
            ClientNonce = chal.Chal!.Meta!.NextNonce!;
        }

        CollectResults(message);
        var reply = new SyncMLMessage
        {
            Header = new SyncHdr
            {
                VerDTD = "1.2",
                VerProto = "DM/1.2",
                SessionID = header.SessionID,
                MsgID = (++msgId).ToString(CultureInfo.InvariantCulture),
                Target = header.Source,
                Source = new SyncLocation(Url.ToString()),
                RespURI = Url + "?s=" + header.SessionID,
                Meta = new MetInf { MaxMsgSize = MaxMsgSize },
                Cred = new Cred
                {
                    Meta = new MetInf { Type = AuthTypes.Md5, Format = AuthTypes.FormatB64 },
                    Data = Md5Auth.Compute(ServerId, CredSecret, Md5Auth.DecodeNonce(ClientNonce)),
                },
            },
        };
        var commands = reply.Body.Commands;
        var headerCode = StatusCode.Ok;
        if (header.Cred != null)
        {
            var ok = Md5Auth.Verify(header.Cred.Data ?? string.Empty, ClientName, ClientSecret, Md5Auth.DecodeNonce(serverNonce));
            RefusedCreds += ok ? 0 : 1;
            headerCode = ok ? StatusCode.AuthenticationAccepted : StatusCode.InvalidCredentials;
        }

        // OMA-TS-DM_Security-V1_2 §5.3: every answer issues a fresh nonce for the client's next Cred.
        serverNonce = AuthNonce.Generate();
        commands.Add(new StatusCommand
        {
            MsgRef = header.MsgID,
            CmdRef = "0",
            Cmd = "SyncHdr",
            Code = headerCode,
            Chal = new Chal { Meta = new MetInf { Type = AuthTypes.Md5, Format = AuthTypes.FormatB64, NextNonce = serverNonce } },
        });
        if (headerCode == StatusCode.InvalidCredentials)
        {
            reply.Body.Final = true;
            return Numbered(reply);
        }

        foreach (var command in message.Body.Commands.Where(c => c is not StatusCommand))
        {
            commands.Add(new StatusCommand { MsgRef = header.MsgID, CmdRef = command.CmdID, Cmd = command.ElementName, Code = command is ResultsCommand r && r.Items.Any(i => i.MoreData) ? StatusCode.ChunkedItemAccepted : StatusCode.Ok });
        }

        if (!message.Body.Final)
        {
            // The client's package goes on: ask for its next message (OMA-TS-DM_Protocol-V1_2 §8.7).
            commands.Add(new AlertCommand { Code = DmAlertCode.NextMessage });
            return Numbered(reply);
        }

        var step = Script(this, message);
        commands.AddRange(step ?? []);
        reply.Body.Final = step == null || step.Count == 0 || step[^1] is not ItemCommand { Items: [.., { MoreData: true }] };
        return Numbered(reply);
    }

    private void CollectResults(SyncMLMessage message)
    {
        foreach (var item in message.Body.Commands.OfType<ResultsCommand>().SelectMany(r => r.Items))
        {
            var uri = item.Source?.LocURI ?? string.Empty;
            var (format, _, bytes) = DmWire.Read(item, null);
            if (!partial.TryGetValue(uri, out var buffer))
            {
                buffer = (format, new MemoryStream());
                partial[uri] = buffer;
            }

            buffer.Bytes.Write(bytes);
            if (!item.MoreData)
            {
                Results[uri] = (buffer.Format, buffer.Bytes.ToArray());
                partial.Remove(uri);
            }
        }
    }

    private static SyncMLMessage Numbered(SyncMLMessage message)
    {
        var id = 0;
        Number(message.Body.Commands, ref id);
        return message;
    }

    private static void Number(List<SyncMLCommand> commands, ref int id)
    {
        foreach (var command in commands)
        {
            command.CmdID = (++id).ToString(CultureInfo.InvariantCulture);
            if (command is ContainerCommand container)
            {
                Number(container.Commands, ref id);
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
