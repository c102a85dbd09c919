using BenchmarkDotNet.Attributes;
using Coffer.Formats.VCard;

namespace Coffer.Bench;

[MemoryDiagnoser]
public class VCardBenchmarks
{
    private string text = string.Empty;
    private VCard card = null!;

    [GlobalSetup]
    public void Setup()
    {
        text = BenchData.VCard(4711);
        card = VCardParser.Parse(text)[0];
    }

    [Benchmark(Description = "vCard 3.0 parse")]
    public IReadOnlyList<VCard> Parse() => VCardParser.Parse(text);

    [Benchmark(Description = "vCard write 3.0")]
    public string Write30() => VCardWriter.Write(card, VCardVersion.V3_0);

    [Benchmark(Description = "vCard write 2.1")]
    public string Write21() => VCardWriter.Write(card, VCardVersion.V2_1);
}
