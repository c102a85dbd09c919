// The machine's single-stream encrypt+hash limit: AES-256-GCM (the framework's, as Coffer seals chunks) and SHA-256
// over the same 1 MiB buffers, one thread; what a backup that encrypts and names every byte cannot beat on one core.
//   dotnet run -c Release bench/agent/crypto-limit.cs [-- MiB]        default 2048
using System.Diagnostics;
using System.Security.Cryptography;

var mib = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2048;
var input = RandomNumberGenerator.GetBytes(1 << 20);
var output = new byte[input.Length];
var tag = new byte[16];
var nonce = new byte[12];
using var aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
for (var i = 0; i < 64; i++)
{
    aes.Encrypt(nonce, input, output, tag);
    SHA256.HashData(input);
}

var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
for (var i = 0; i < mib; i++)
{
    nonce[0] = (byte)i;
    aes.Encrypt(nonce, input, output, tag);
    SHA256.HashData(input);
}

var seconds = wall.Elapsed.TotalSeconds;
var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
Console.WriteLine($"aes-256-gcm+sha-256 {mib} MiB: {mib * 1.048576 / seconds:F0} MB/s wall, {cpuSeconds * 1024 / mib:F2} CPU s per GiB");
