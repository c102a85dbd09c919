namespace Coffer.SyncML.San;

/// <summary>
/// A package #0 as a WAP Push over SMS, the bearer OMA-TS-DS_Notification-V1_2 names for phones: a connectionless
/// WSP Push PDU (WAP-230-WSP §8.2.4.1: TID, PDU type 0x06, header length as uintvar, content type, headers, body)
/// carried in a WDP datagram to the WAP Push port 2948 from port 9200 (WAP-259-WDP, GSM SMS adaptation: a user data
/// header with the 16-bit application port information element, IEI 0x05; WAP-235-PushOTA, connectionless push).
/// </summary>
public static class WapPush
{
    /// <summary>The SMS user data header: length 6, IEI 0x05 (16-bit ports), length 4, destination 2948, source 9200.</summary>
    public static readonly byte[] UserDataHeader = [0x06, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0];

    /// <summary>WSP well-known content type 0x4E, application/vnd.syncml.ds.notification (OMNA content types).</summary>
    public const byte DsNotificationContentType = 0x4E;

    /// <summary>X-Wap-Application-Id, well-known header field 0x2F (WAP-230-WSP, header field name assignments).</summary>
    private const byte ApplicationIdHeader = 0x2F;

    private const byte PushPdu = 0x06;

    /// <summary>The push application of OMA DS notifications, given as its URI (an Application-id-value may be either).</summary>
    public const string ApplicationId = "x-wap-application:syncml.ds";

    /// <summary>The WSP Push PDU carrying <paramref name="package"/> (to send after <see cref="UserDataHeader"/>).</summary>
    public static byte[] Encode(byte[] package, byte transactionId = 0x01)
    {
        ArgumentNullException.ThrowIfNull(package);

        // Headers: the content type as a short integer (high bit set), then X-Wap-Application-Id with a text value.
        var headers = new List<byte> { (byte)(0x80 | DsNotificationContentType), (byte)(0x80 | ApplicationIdHeader) };
        headers.AddRange(System.Text.Encoding.ASCII.GetBytes(ApplicationId));
        headers.Add(0x00);

        var pdu = new List<byte>(package.Length + headers.Count + 8) { transactionId, PushPdu };
        pdu.AddRange(Uintvar(headers.Count));
        pdu.AddRange(headers);
        pdu.AddRange(package);
        return [.. pdu];
    }

    /// <summary>The package #0 in a WSP Push PDU made by <see cref="Encode"/>; a <see cref="SyncMLFormatException"/> when it is none.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length < 3 || pdu[1] != PushPdu)
        {
            throw new SyncMLFormatException("not a WSP Push PDU");
        }

        var pos = 2;
        var length = 0;
        do
        {
            if (pos >= pdu.Length || pos > 6)
            {
                throw new SyncMLFormatException("WSP header length is not a uintvar");
            }

            length = (length << 7) | (pdu[pos] & 0x7F);
        }
        while ((pdu[pos++] & 0x80) != 0);

        if (pos + length > pdu.Length)
        {
            throw new SyncMLFormatException("WSP headers run past the PDU");
        }

        return pdu[(pos + length)..].ToArray();
    }

    /// <summary>WAP-230-WSP §8.1.2: an unsigned integer in 7-bit groups, most significant first, high bit = more.</summary>
    private static byte[] Uintvar(int value)
    {
        var groups = new Stack<byte>();
        groups.Push((byte)(value & 0x7F));
        for (value >>= 7; value > 0; value >>= 7)
        {
            groups.Push((byte)(0x80 | (value & 0x7F)));
        }

        return [.. groups];
    }
}
