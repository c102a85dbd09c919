using Coffer.SyncML.Auth;

namespace Coffer.SyncML.Tests.Auth;

public class BasicAuthTests
{
    [Theory]
    [InlineData("syncevolution-captures/first-request/xml-basic-500.body.xml", "alice", "secret")]
    [InlineData("syncevolution-captures/session-xml/001-request.body.xml", "alice", "secret")]
    [InlineData("libwbxml-syncml/syncml-003.xml", "Bruce2", "OhBehave")]
    [InlineData("horde-sessions/testcase_P900_tasksandcalendar/syncml_client_10.xml", "syncmltest", "syncmltest")]
    public void Real_basic_creds_decode(string file, string user, string password)
    {
        var data = CapturedCreds.CredData(file, AuthTypes.Basic);
        BasicAuth.Decode(data).ShouldBe(new BasicCredentials(user, password));
        BasicAuth.Encode(user, password).ShouldBe(data);
    }

    [Fact]
    public void Missing_padding_and_whitespace_are_tolerated()
    {
        var encoded = BasicAuth.Encode("bob", "pw1"); // "Ym9iOnB3MQ==" has padding
        encoded.ShouldEndWith("==");
        BasicAuth.Decode(encoded.TrimEnd('=')).ShouldBe(new BasicCredentials("bob", "pw1"));
        BasicAuth.Decode(" Ym9i\nOnB3MQ== ").ShouldBe(new BasicCredentials("bob", "pw1"));
    }

    [Fact]
    public void Password_may_contain_colons_user_ends_at_the_first()
    {
        BasicAuth.Decode(BasicAuth.Encode("alice", "a:b:c")).ShouldBe(new BasicCredentials("alice", "a:b:c"));
    }

    [Fact]
    public void Non_utf8_bytes_are_read_as_latin1()
    {
        var data = Convert.ToBase64String([(byte)'j', 0xF6, (byte)':', (byte)'p']); // "jö:p" in ISO-8859-1
        BasicAuth.Decode(data).ShouldBe(new BasicCredentials("jö", "p"));
        BasicAuth.Decode(BasicAuth.Encode("jö", "p")).ShouldBe(new BasicCredentials("jö", "p"));
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("YWxpY2U")] // "alice": no colon
    [InlineData("Y")]
    public void Invalid_data_is_a_format_error(string data)
    {
        Should.Throw<SyncMLFormatException>(() => BasicAuth.Decode(data));
    }
}
