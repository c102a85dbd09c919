using System.Diagnostics;
using Coffer.Agent.Protocol;
using Coffer.SyncML;

namespace Coffer.LoadBench.Load;

/// <summary>
/// Runs one phase: every phone at once, each running its sessions back to back (a closed loop: a phone starts its next
/// sync when the last one ended). No phone starts a session after the deadline. Server CPU, the bench's own CPU and
/// the wall time are taken around the whole phase.
/// </summary>
/// With <paramref name="attempts"/> above one, a phone whose session failed tries again after two seconds, as a phone
/// does after a broken connection; only a sync that failed every attempt counts as an error (the retries are counted).
public sealed class PhaseRunner(IReadOnlyList<BenchPhone> phones, LatencyRecorder recorder, IServerCpuProbe? cpu, DateTime deadline, int attempts = 1)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <param name="name">The phase's name in the table.</param>
    /// <param name="alertCode">200 two-way or 201 slow; a server answering with another sync type counts as an error.</param>
    /// <param name="sessionsPerPhone">Sessions each phone runs.</param>
    /// <param name="changes">Local changes made before each session, or null for none.</param>
    /// <param name="ct">Stops requests in flight (the hard stop after the deadline).</param>
    public async Task<PhaseResult> RunAsync(string name, int alertCode, int sessionsPerPhone, ChangeMix? changes, CancellationToken ct)
    {
        recorder.Drain();
        var errors = new ErrorLog();
        var retries = new ErrorLog();
        var completed = 0;
        var cpuBefore = cpu == null ? null : await cpu.ReadSecondsAsync(ct);
        var benchCpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();

        await Task.WhenAll(phones.Select(phone => Task.Run(
            async () =>
            {
                for (var round = 1; round <= sessionsPerPhone && DateTime.UtcNow < deadline; round++)
                {
                    if (changes != null)
                    {
                        phone.MakeChanges(changes, round);
                    }

                    for (var attempt = 1; attempt <= attempts; attempt++)
                    {
                        // A retried sync may legitimately run as another type (a slow sync the server asks for after
                        // a session that broke off before its anchors were stored).
                        var log = attempt < attempts ? retries : errors;
                        if (await RunSessionAsync(phone, attempt == 1 ? alertCode : null, alertCode, log, ct))
                        {
                            Interlocked.Increment(ref completed);
                            break;
                        }

                        if (attempt < attempts)
                        {
                            await Task.Delay(RetryDelay, ct);
                        }
                    }
                }
            },
            ct)));

        var wall = Stopwatch.GetElapsedTime(started);
        var benchCpu = (Environment.CpuUsage.TotalTime - benchCpuBefore).TotalSeconds;
        var cpuAfter = cpu == null ? null : await cpu.ReadSecondsAsync(CancellationToken.None);
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg", CancellationToken.None)).Split(' ').Take(3)) : "-";
        return new PhaseResult(name, phones.Count, completed, errors.Count, wall, recorder.Drain(), cpuAfter - cpuBefore, benchCpu, load, [.. errors.Samples, .. retries.Samples.Select(s => "retried: " + s)], retries.Count);
    }

    /// <param name="expected">The sync type the server must run, or null for any.</param>
    private static async Task<bool> RunSessionAsync(BenchPhone phone, int? expected, int alertCode, ErrorLog errors, CancellationToken ct)
    {
        try
        {
            var result = await phone.SyncAsync(alertCode, ct);
            if (result.Refused + result.QuotaRefused > 0)
            {
                errors.Add(phone.Name, $"the server refused {result.Refused + result.QuotaRefused} changes");
                return false;
            }

            if (expected != null && result.ServerAlert != expected)
            {
                // The phone followed the server (e.g. a slow sync instead of two-way), but the anchors it kept say the
                // server should not have asked: the bench counts it.
                errors.Add(phone.Name, $"asked for sync type {expected}, the server ran {result.ServerAlert}");
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is SyncProtocolException or AuthenticationFailedException or HttpRequestException or SyncMLFormatException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // OperationCanceledException without our own cancellation is HttpClient's timeout.
            errors.Add(phone.Name, ex.Message);
            return false;
        }
    }
}
