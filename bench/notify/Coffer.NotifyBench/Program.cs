using System.Diagnostics;
using System.Globalization;
using Coffer.NotifyBench;
using Coffer.Sync.Notifications;

// coffer-notifybench [SUBSCRIBERS] [CAPACITY_PER_MINUTE]: plans one night (the NightPlanner, in memory) for a
// generated population and prints the time and the peak memory (bench/README.md, "Night planning").
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
var capacity = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var night = new DateOnly(2026, 1, 5);

var process = Process.GetCurrentProcess();
var subscribers = Population.Generate(count, night);
process.Refresh();
var cpuBefore = process.TotalProcessorTime;
var wall = Stopwatch.StartNew();
var plan = new NightPlanner(new NotificationPlanOptions { CapacityPerMinute = capacity }).Plan(night, subscribers);
wall.Stop();
process.Refresh();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"subscribers {count:N0}, capacity {capacity:N0}/min; generating them took CPU {cpuBefore.TotalSeconds:F1} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {plan.Sends.Count:N0}, postponed {plan.Postponed.Count:N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plan: wall {wall.Elapsed.TotalSeconds:F1} s, CPU {(process.TotalProcessorTime - cpuBefore).TotalSeconds:F1} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {process.PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB (population included)"));
