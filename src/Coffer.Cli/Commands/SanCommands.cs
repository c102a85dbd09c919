using System.CommandLine;
using Coffer.SyncML;
using Coffer.SyncML.San;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer san decode</c>: shows a Server Alerted Notification (package #0) field by field.</summary>
internal static class SanCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "a binary SAN package (OMA DS 1.2 package #0)" };
        var serverId = new Option<string?>("--server-id") { Description = "verify the digest with this server identifier" };
        var password = new Option<string?>("--password") { Description = "the server password for the digest (default empty)" };
        var nonce = new Option<string?>("--nonce") { Description = "the nonce for the digest, base64 (default empty)" };
        var decode = new Command("decode", "Decode a SAN package and print its fields") { file, serverId, password, nonce };
        decode.SetAction(pr => Decode(pr.GetValue(file)!, pr.GetValue(serverId), pr.GetValue(password), pr.GetValue(nonce)));
        return new Command("san", "Server Alerted Notification packages") { decode };
    }

    private static int Decode(FileInfo file, string? serverId, string? password, string? nonce)
    {
        if (!file.Exists)
        {
            return CliErrors.Fail($"{file.FullName}: no such file");
        }

        try
        {
            var bytes = File.ReadAllBytes(file.FullName);
            var san = SanCodec.Decode(bytes);
            Console.WriteLine($"digest:        {Convert.ToHexString(san.Digest)}");
            Console.WriteLine($"version:       {san.Version / 10}.{san.Version % 10}");
            Console.WriteLine($"ui-mode:       {san.UiMode}");
            Console.WriteLine($"initiator:     {san.Initiator}");
            Console.WriteLine($"session id:    {san.SessionId}");
            Console.WriteLine($"server id:     {san.ServerIdentifier}");
            Console.WriteLine($"syncs:         {san.Syncs.Count}");
            foreach (var sync in san.Syncs)
            {
                Console.WriteLine($"  - sync type {sync.SyncType}, content type 0x{sync.ContentType:X6}, server URI \"{sync.ServerUri}\"");
            }

            if (san.VendorSpecific.Length > 0)
            {
                Console.WriteLine($"vendor data:   {Convert.ToHexString(san.VendorSpecific)}");
            }

            if (serverId != null)
            {
                var ok = SanDigest.Verify(bytes, serverId, password ?? string.Empty, nonce == null ? [] : Convert.FromBase64String(nonce));
                Console.WriteLine($"digest check:  {(ok ? "valid" : "INVALID")}");
                return ok ? CliErrors.Ok : CliErrors.Failed;
            }

            return CliErrors.Ok;
        }
        catch (SyncMLFormatException ex)
        {
            return CliErrors.Fail($"{file.Name}: {ex.Message}");
        }
        catch (FormatException)
        {
            return CliErrors.Fail("--nonce is not base64");
        }
    }
}
