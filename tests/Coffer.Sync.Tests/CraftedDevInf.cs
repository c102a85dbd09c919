namespace Coffer.Sync.Tests;

/// <summary>
/// A DevInf 1.2 (OMA-TS-DS_DevInf-V1_2 §5) for a phone whose address book holds one name, at most 3 phone numbers
/// and 2 e-mails per contact, and no NOTE, PHOTO or ORG: vCard 2.1 in and out of "./contacts".
/// </summary>
internal static class CraftedDevInf
{
    public const string DataStore = "./contacts";

    public const string Xml = """
        <DevInf xmlns="syncml:devinf">
          <VerDTD>1.2</VerDTD><Man>Coffer tests</Man><Mod>ThreePhones</Mod><FwV>1</FwV><SwV>1</SwV><HwV>1</HwV>
          <DevID>IMEI:3PHONES</DevID><DevTyp>phone</DevTyp>
          <DataStore>
            <SourceRef>./contacts</SourceRef>
            <Rx-Pref><CTType>text/x-vcard</CTType><VerCT>2.1</VerCT></Rx-Pref>
            <Tx-Pref><CTType>text/x-vcard</CTType><VerCT>2.1</VerCT></Tx-Pref>
            <CTCap>
              <CTType>text/x-vcard</CTType><VerCT>2.1</VerCT>
              <Property><PropName>BEGIN</PropName><ValEnum>VCARD</ValEnum></Property>
              <Property><PropName>END</PropName><ValEnum>VCARD</ValEnum></Property>
              <Property><PropName>VERSION</PropName><ValEnum>2.1</ValEnum><MaxOccur>1</MaxOccur></Property>
              <Property><PropName>N</PropName><MaxOccur>1</MaxOccur></Property>
              <Property><PropName>FN</PropName><MaxOccur>1</MaxOccur></Property>
              <Property><PropName>TEL</PropName><MaxOccur>3</MaxOccur>
                <PropParam><ParamName>TYPE</ParamName><ValEnum>HOME</ValEnum><ValEnum>WORK</ValEnum><ValEnum>CELL</ValEnum><ValEnum>FAX</ValEnum><ValEnum>PREF</ValEnum></PropParam>
              </Property>
              <Property><PropName>EMAIL</PropName><MaxOccur>2</MaxOccur></Property>
            </CTCap>
            <SyncCap><SyncType>1</SyncType><SyncType>2</SyncType><SyncType>7</SyncType></SyncCap>
          </DataStore>
        </DevInf>
        """;
}
