using Coffer.Sync.Engine;

namespace Coffer.Sync.Tests.Engine;

public sealed class LogRedactionTests
{
    [Theory]
    [InlineData("DTSTART: value 'Anna's birthday' does not match its VALUE type (RFC 5545 §3.2.20).", "DTSTART: value '…' does not match its VALUE type (RFC 5545 §3.2.20).")]
    [InlineData("Invalid escape '\\q' in text value", "Invalid escape '…' in text value")]
    [InlineData("The element \"FN:Secret\" doesn't close", "The element '…' doesn't close")]
    [InlineData("Invalid recurrence rule part 'X=1' in 'FREQ=DAILY;X=1'.", "Invalid recurrence rule part '…'.")]
    [InlineData("No BEGIN:VCARD found", "No BEGIN:VCARD found")]
    public void Quoted_parts_of_a_parser_message_are_dropped(string message, string logged) =>
        LogRedaction.Reason(message).ShouldBe(logged);
}
