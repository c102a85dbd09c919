using Coffer.Interop.Tests.Harness;

namespace Coffer.Interop.Tests.HarnessTests;

public sealed class PimItemNormalizerTests
{
    // What the Synthesis file backend wrote for generated card 1 after a refresh-from-server (Debian's syncevolution 2.0.0).
    private const string RewrittenByEngine =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Synthesis AG//NONSGML SyncML Engine V3.4.0.47//EN\r\nREV:20100328T103410Z\r\n" +
        "N:Gen00001;Bob;;;\r\nFN:Bob Gen00001\r\nX-EVOLUTION-FILE-AS:\r\nX-GENDER:\r\nNICKNAME:\r\nTITLE:\r\nORG:Example Corp;Dept 1;;\r\n" +
        "ROLE:\r\nTEL;TYPE=CELL:+49300000001\r\nEMAIL;TYPE=INTERNET:bob00001@example.org\r\nURL:\r\nX-MOZILLA-HTML:\r\nADR:;;;;;;\r\n" +
        "BDAY:\r\nNOTE:generated contact number 1\r\nPHOTO:\r\nGEO:;\r\nEND:VCARD\r\n";

    [Fact]
    public void EngineRewrittenCard_EqualsTheOriginal_WhenUidIsIgnored()
    {
        string[] ignore = [.. PimItemNormalizer.EngineStamped, "UID"];
        PimItemNormalizer.Normalize(RewrittenByEngine, ignore).ShouldBe(PimItemNormalizer.Normalize(TestVCards.Generated(1), ignore));
    }

    [Fact]
    public void LostUid_IsADifference_ByDefault()
    {
        PimItemNormalizer.Normalize(RewrittenByEngine).ShouldNotBe(PimItemNormalizer.Normalize(TestVCards.Generated(1)));
    }

    [Fact]
    public void ChangedValue_IsADifference()
    {
        var changed = TestVCards.Generated(1).Replace("+49300000001", "+49300000002", StringComparison.Ordinal);
        PimItemNormalizer.Normalize(changed).ShouldNotBe(PimItemNormalizer.Normalize(TestVCards.Generated(1)));
    }

    [Fact]
    public void FoldedLines_AndQuotedColons_AreUnderstood()
    {
        const string Folded = "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE;X-A=\"a:b\":long\r\n  note\r\nEND:VCARD\r\n";
        PimItemNormalizer.Normalize(Folded).ShouldBe("BEGIN:VCARD\nNOTE;X-A=\"A:B\":long note\nVERSION:3.0\nEND:VCARD");
    }
}
