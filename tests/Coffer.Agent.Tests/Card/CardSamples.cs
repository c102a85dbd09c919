using System.Text;

namespace Coffer.Agent.Tests.Card;

/// <summary>A phone book for a card: a .vcf file of <see cref="PimSamples.Contact"/> vCards.</summary>
public static class CardSamples
{
    public static string Vcf(string directory, int from, int count)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"contacts-{from}-{count}.vcf");
        File.WriteAllText(path, string.Concat(Enumerable.Range(from, count).Select(n => PimSamples.Contact(n))), new UTF8Encoding(false));
        return path;
    }
}
