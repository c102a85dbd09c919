using System.Reflection;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Model;

/// <summary>Every status and alert code real peers sent in the recorded sessions has a named constant.</summary>
public class CodeCoverageTests
{
    private static HashSet<int> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).ToHashSet();

    private static IEnumerable<SyncMLCommand> AllCommands()
    {
        var files = TestDataPaths.Files("horde-sessions", "syncml_*.xml", recursive: true)
            .Concat(TestDataPaths.Files("syncevolution-captures", "*.body.xml", recursive: true));
        foreach (var f in files)
        {
            foreach (var c in Flatten(SyncMLXml.Parse(File.ReadAllText(f)).Body.Commands))
            {
                yield return c;
            }
        }
    }

    private static IEnumerable<SyncMLCommand> Flatten(IEnumerable<SyncMLCommand> commands) =>
        commands.SelectMany(c => c is ContainerCommand container ? Flatten(container.Commands).Prepend(c) : [c]);

    [Fact]
    public void Recorded_status_and_alert_codes_are_all_named()
    {
        var commands = AllCommands().ToList();
        var statusCodes = commands.OfType<StatusCommand>().Select(s => s.Code).ToHashSet();
        var alertCodes = commands.OfType<AlertCommand>().Where(a => a.Code != null).Select(a => a.Code!.Value).ToHashSet();

        statusCodes.Count.ShouldBeGreaterThan(3);
        alertCodes.Count.ShouldBeGreaterThan(3);
        statusCodes.Except(Constants(typeof(StatusCode))).ShouldBeEmpty();
        alertCodes.Except(Constants(typeof(AlertCode))).ShouldBeEmpty();
    }

    [Fact]
    public void Status_and_alert_constants_are_unique()
    {
        var status = typeof(StatusCode).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
        status.Select(f => f.GetRawConstantValue()).Distinct().Count().ShouldBe(status.Count);
        var alert = typeof(AlertCode).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
        alert.Select(f => f.GetRawConstantValue()).Distinct().Count().ShouldBe(alert.Count);
    }
}
