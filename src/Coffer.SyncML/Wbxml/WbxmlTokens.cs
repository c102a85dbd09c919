namespace Coffer.SyncML.Wbxml;

/// <summary>Global tokens, valid on every code page (WAP-192-WBXML §7.1), and the tag flag bits (WAP-192-WBXML §5.8.2).</summary>
internal static class WbxmlTokens
{
    public const byte SwitchPage = 0x00;
    public const byte End = 0x01;
    public const byte Entity = 0x02;
    public const byte StrI = 0x03;
    public const byte Literal = 0x04;
    public const byte ExtI0 = 0x40;
    public const byte ExtI1 = 0x41;
    public const byte ExtI2 = 0x42;
    public const byte Pi = 0x43;
    public const byte LiteralC = 0x44;
    public const byte ExtT0 = 0x80;
    public const byte ExtT1 = 0x81;
    public const byte ExtT2 = 0x82;
    public const byte StrT = 0x83;
    public const byte LiteralA = 0x84;
    public const byte Ext0 = 0xC0;
    public const byte Ext1 = 0xC1;
    public const byte Ext2 = 0xC2;
    public const byte Opaque = 0xC3;
    public const byte LiteralAc = 0xC4;

    /// <summary>Tag flag: attributes follow the tag (WAP-192-WBXML §5.8.2).</summary>
    public const byte AttributesFlag = 0x80;

    /// <summary>Tag flag: content follows the tag and ends with END (WAP-192-WBXML §5.8.2).</summary>
    public const byte ContentFlag = 0x40;

    /// <summary>IANA MIBenum of UTF-8 (WAP-192-WBXML §5.6).</summary>
    public const uint CharsetUtf8 = 106;

    public const uint CharsetUsAscii = 3;

    public const uint CharsetLatin1 = 4;

    /// <summary>True for the global tokens that share the tag byte space (low six bits 0-4).</summary>
    public static bool IsGlobal(byte token) => (token & 0x3F) <= 0x04;
}
