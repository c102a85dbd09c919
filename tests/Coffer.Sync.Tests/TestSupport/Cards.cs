using System.Globalization;
using System.Text;

namespace Coffer.Sync.Tests.TestSupport;

/// <summary>Small vCard 2.1 items for engine tests (LF line ends: XML parsing turns CRLF into LF anyway, XML 1.0 §2.11, so sizes stay exact).</summary>
public static class Cards
{
    public static string Card(string name, int padding = 0)
    {
        var sb = new StringBuilder();
        sb.Append("BEGIN:VCARD\nVERSION:2.1\n");
        sb.Append("N:").Append(name).Append(";Test\n");
        sb.Append("FN:Test ").Append(name).Append("\n");
        if (padding > 0)
        {
            // A long NOTE makes a large object; plain ASCII so byte and char counts agree.
            sb.Append("NOTE:").Append(string.Create(CultureInfo.InvariantCulture, $"{name}-")).Append(new string('x', padding)).Append("\n");
        }

        sb.Append("END:VCARD\n");
        return sb.ToString();
    }
}
