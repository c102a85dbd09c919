using Coffer.Formats.Mail;

namespace Coffer.Formats.Tests.Mail;

public class EncodedWordsTests
{
    [Theory]
    [InlineData("=?ISO-8859-1?Q?a?=", "a")]
    [InlineData("=?ISO-8859-1?Q?a?= b", "a b")]
    [InlineData("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", "ab")]
    [InlineData("=?ISO-8859-1?Q?a?=\t =?ISO-8859-1?Q?b?=", "ab")]
    [InlineData("=?ISO-8859-1?Q?a_b?=", "a b")]
    [InlineData("=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=", "a b")]
    [InlineData("=?utf-8*en?q?hello?=", "hello")]
    public void Rfc2047_section_8_examples(string encoded, string decoded)
    {
        EncodedWords.Decode(encoded, ParserCompliance.Strict).ShouldBe(decoded);
    }

    [Fact]
    public void Words_glued_to_text_decode_only_in_loose()
    {
        const string glued = "Re:=?utf-8?B?w6Q=?=x";
        EncodedWords.Decode(glued, ParserCompliance.Loose).ShouldBe("Re:äx");
        EncodedWords.Decode(glued, ParserCompliance.Strict).ShouldBe(glued);
    }

    [Theory]
    [InlineData("=?utf-8?B?!!!?=")]
    [InlineData("=?utf-8?X?abc?=")]
    [InlineData("=?utf-8?Q?abc")]
    [InlineData("=??Q?abc?=")]
    public void Broken_words_stay_as_written(string text)
    {
        EncodedWords.Decode(text).ShouldBe(text);
    }

    [Fact]
    public void Long_text_encodes_in_words_of_at_most_75_characters_that_decode_back()
    {
        var text = string.Concat(Enumerable.Repeat("Grüße aus Köln – 日本語 ", 8));
        var encoded = EncodedWords.Encode(text);
        encoded.Split(' ').ShouldAllBe(w => w.Length <= 75);
        EncodedWords.Decode(encoded, ParserCompliance.Strict).ShouldBe(text);
    }
}
