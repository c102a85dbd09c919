namespace Coffer.SyncML.Wbxml;

/// <summary>
/// Decoded-text and element allowance shared by a document and the documents nested in it. String-table references
/// cost what they expand to, so a small table referenced many times cannot grow a large tree.
/// </summary>
internal sealed class WbxmlDecodeBudget
{
    private readonly long maxChars;
    private readonly int maxElements;
    private long charsLeft;
    private int elementsLeft;

    public WbxmlDecodeBudget(long maxChars, int maxElements = int.MaxValue)
    {
        this.maxChars = maxChars;
        this.maxElements = maxElements;
        charsLeft = maxChars;
        elementsLeft = maxElements;
    }

    public void Spend(long chars, WbxmlReader reader, int at)
    {
        charsLeft -= chars;
        if (charsLeft < 0)
        {
            throw reader.Limit($"decoded text exceeds {maxChars} characters", at);
        }
    }

    public void SpendElement(WbxmlReader reader, int at)
    {
        if (--elementsLeft < 0)
        {
            throw reader.Limit($"more than {maxElements} elements", at);
        }
    }
}
