namespace Coffer.SyncML.Wbxml;

/// <summary>Decoded-text allowance shared by a document and the documents nested in it.</summary>
internal sealed class WbxmlDecodeBudget
{
    private readonly long max;
    private long left;

    public WbxmlDecodeBudget(long maxChars)
    {
        max = maxChars;
        left = maxChars;
    }

    public void Spend(long chars, WbxmlReader reader, int at)
    {
        left -= chars;
        if (left < 0)
        {
            throw reader.Fail($"decoded text exceeds {max} characters", at);
        }
    }
}
