using System.Globalization;
using System.Text;

namespace Coffer.Bench;

/// <summary>Deterministic inputs shared by the benchmarks: realistic vCards and a 100-item Sync message.</summary>
internal static class BenchData
{
    public static string VCard(int i) =>
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" +
        $"N:Family{i:D5};Given{i:D5};;;\r\nFN:Given{i:D5} Family{i:D5}\r\n" +
        $"TEL;TYPE=CELL:+49 170 {i:D7}\r\nTEL;TYPE=WORK,VOICE:+49 30 {i * 7 % 10_000_000:D7}\r\n" +
        $"EMAIL;TYPE=INTERNET,HOME:given{i}@example.org\r\n" +
        $"ADR;TYPE=HOME:;;Street {i % 200} No. {i % 97};Berlin;;{10000 + (i % 89999)};Germany\r\n" +
        $"ORG:Company {i % 300};Department {i % 17}\r\nNOTE:Met at conference {i % 50}\\, discussed the\\nsync project.\r\n" +
        $"BDAY:19{60 + (i % 40)}-0{1 + (i % 9)}-1{i % 10}\r\nUID:coffer-bench-{i:D6}\r\nEND:VCARD\r\n";

    public static string SyncMessage(int items)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><VerDTD>1.2</VerDTD><VerProto>SyncML/1.2</VerProto>");
        sb.Append("<SessionID>42</SessionID><MsgID>2</MsgID><Target><LocURI>http://127.0.0.1:5000/sync?s=abc</LocURI></Target>");
        sb.Append("<Source><LocURI>coffer-bench-phone</LocURI><LocName>alice</LocName></Source>");
        sb.Append("<Meta><MaxMsgSize xmlns='syncml:metinf'>150000</MaxMsgSize></Meta></SyncHdr><SyncBody>");
        sb.Append("<Sync><CmdID>1</CmdID><Target><LocURI>card</LocURI></Target><Source><LocURI>./contacts</LocURI></Source>");
        sb.Append(CultureInfo.InvariantCulture, $"<NumberOfChanges>{items}</NumberOfChanges>");
        for (var i = 0; i < items; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<Add><CmdID>{i + 2}</CmdID><Meta><Type xmlns='syncml:metinf'>text/vcard</Type></Meta>");
            sb.Append(CultureInfo.InvariantCulture, $"<Item><Source><LocURI>{i}.vcf</LocURI></Source><Data><![CDATA[{VCard(i)}]]></Data></Item></Add>");
        }

        sb.Append("</Sync><Final/></SyncBody></SyncML>");
        return sb.ToString();
    }
}
