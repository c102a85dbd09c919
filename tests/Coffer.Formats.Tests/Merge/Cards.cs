using Coffer.Formats.VCard;
using VCardItem = Coffer.Formats.VCard.VCard;

namespace Coffer.Formats.Tests.Merge;

/// <summary>Builds test vCards from property lines.</summary>
internal static class Cards
{
    public static VCardItem V30(params string[] lines) =>
        VCardParser.Parse("BEGIN:VCARD\r\nVERSION:3.0\r\n" + string.Join("\r\n", lines) + "\r\nEND:VCARD\r\n").Single();

    public static List<string> Values(VCardItem card, string name) => [.. card.GetProperties(name).Select(p => p.Value)];
}
