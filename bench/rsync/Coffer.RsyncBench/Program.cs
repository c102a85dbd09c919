using System.Net;
using Coffer.Agent.Peer;
using Coffer.Formats.Rsync;
using Coffer.RsyncBench;

// coffer-rsyncbench gen OLD NEW MIB | signature BASIS SIG | delta SIG NEW DELTA | patch BASIS DELTA OUT
//                   | transfer OLD NEW (a copy of OLD receives NEW over TCP, 127.0.0.2 -> 127.0.0.3)
switch (args.FirstOrDefault())
{
    case "gen" when args.Length == 4:
        SampleFiles.Write(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    case "signature" when args.Length == 3:
        {
            using var basis = File.OpenRead(args[1]);
            using var signature = File.Create(args[2]);
            RsyncSignatureWriter.Write(basis, signature, RsyncSignatureFormat.Recommended(basis.Length));
            return 0;
        }

    case "delta" when args.Length == 4:
        {
            using var signature = File.OpenRead(args[1]);
            using var newFile = File.OpenRead(args[2]);
            using var delta = File.Create(args[3]);
            RsyncDeltaWriter.Write(RsyncSignature.Read(signature), newFile, delta);
            return 0;
        }

    case "patch" when args.Length == 4:
        {
            using var basis = File.OpenRead(args[1]);
            using var delta = File.OpenRead(args[2]);
            using var output = File.Create(args[3]);
            RsyncPatcher.Apply(basis, delta, output);
            return 0;
        }

    case "transfer" when args.Length == 3:
        {
            using var receiver = PeerFileReceiver.Start(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
            var receiving = receiver.ReceiveAsync(args[1]);
            var sent = await PeerFileSender.SendAsync(receiver.LocalEndPoint, args[2], IPAddress.Parse("127.0.0.2"));
            await receiving;
            Console.WriteLine(
                $"{sent.WireBytesSent} {sent.WireBytesReceived} {sent.Delta!.LiteralBytes} {sent.Delta.CopiedBytes}");
            return 0;
        }

    default:
        Console.Error.WriteLine("usage: coffer-rsyncbench gen OLD NEW MIB | signature BASIS SIG | delta SIG NEW DELTA | patch BASIS DELTA OUT | transfer OLD NEW");
        return 2;
}
