using Coffer.Sync.Tests.TestSupport;
using Xunit.Abstractions;

namespace Coffer.Sync.Tests.Replay;

/// <summary>
/// Every recorded Horde session (Sony Ericsson P900 SyncML 1.0 vCalendar, Funambol Outlook and Sync4j PocketPC SIF,
/// Synthesis vCalendar 1.1) replayed against the engine; see <see cref="HordeReplayer"/> for how the recording is
/// adapted and <see cref="ProtocolOracle"/> for what is asserted.
/// </summary>
public sealed class HordeReplayTests(ITestOutputHelper output)
{
    public static TheoryData<string> Testcases()
    {
        var data = new TheoryData<string>();
        foreach (var name in HordeRecording.Names())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Testcases))]
    public async Task Recorded_device_sessions_get_a_correct_status_for_every_command(string testcase)
    {
        var recording = HordeRecording.Load(testcase);
        await using var host = new EngineHost();
        var replay = new HordeReplayer(recording, host);

        await replay.RunAsync();

        foreach (var line in replay.Log)
        {
            output.WriteLine(line);
        }

        foreach (var difference in replay.Differences)
        {
            output.WriteLine("differs from Horde: " + difference);
        }

        replay.Failures.ShouldBeEmpty(string.Join("\n", replay.Failures));
        replay.Differences.Where(d => d.Reason == null).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Testcases))]
    public async Task Recorded_device_sessions_survive_a_server_restart_before_every_message(string testcase)
    {
        await using var host = new EngineHost();
        var replay = new HordeReplayer(HordeRecording.Load(testcase), host) { RestartBeforeEveryMessage = true };

        await replay.RunAsync();

        replay.Failures.ShouldBeEmpty(string.Join("\n", replay.Failures));
        replay.Differences.Where(d => d.Reason == null).ShouldBeEmpty();
    }

    [Fact]
    public void Every_recorded_testcase_is_replayed()
    {
        // Six folders in the shared vectors: a new one must not be silently ignored by a filter.
        HordeRecording.Names().Count().ShouldBe(6);
    }
}
