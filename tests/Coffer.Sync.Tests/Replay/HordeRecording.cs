using System.Globalization;
using Coffer.TestData;

namespace Coffer.Sync.Tests.Replay;

/// <summary>
/// One recorded Horde test case (shared testdata horde-sessions/&lt;name&gt;): its sessions in order, each a list of
/// (what the device sent, what Horde answered). File NN = session digit + message digit.
/// </summary>
public sealed class HordeRecording
{
    private HordeRecording(string name, IReadOnlyList<IReadOnlyList<RecordedExchange>> sessions)
    {
        Name = name;
        Sessions = sessions;
    }

    public string Name { get; }

    public IReadOnlyList<IReadOnlyList<RecordedExchange>> Sessions { get; }

    public static IEnumerable<string> Names() =>
        Directory.GetDirectories(TestDataPaths.Path("horde-sessions")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static HordeRecording Load(string name)
    {
        var files = TestDataPaths.Files(Path.Combine("horde-sessions", name), "syncml_client_*.xml");
        var sessions = files
            .Select(f => (File: f, Nn: Path.GetFileNameWithoutExtension(f)["syncml_client_".Length..]))
            .GroupBy(f => f.Nn[0])
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<RecordedExchange>)g
                .OrderBy(f => int.Parse(f.Nn[1..], CultureInfo.InvariantCulture))
                .Select(f => new RecordedExchange(f.Nn, File.ReadAllBytes(f.File), File.ReadAllBytes(f.File.Replace("syncml_client_", "syncml_server_", StringComparison.Ordinal))))
                .ToList())
            .ToList();
        return new HordeRecording(name, sessions);
    }
}
