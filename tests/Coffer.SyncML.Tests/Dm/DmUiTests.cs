using Coffer.SyncML.Dm;

namespace Coffer.SyncML.Tests.Dm;

public class DmUiTests
{
    [Fact]
    public void Options_parse_every_field()
    {
        var o = DmUiOptions.Parse("MINDT=10&MAXDT=30&DR=1&MAXLEN=12&IT=N&ET=P");

        o.MinDisplaySeconds.ShouldBe(10);
        o.MaxDisplaySeconds.ShouldBe(30);
        o.DefaultResponse.ShouldBe("1");
        o.MaxLength.ShouldBe(12);
        o.InputType.ShouldBe(DmUiInputType.Numeric);
        o.EchoType.ShouldBe(DmUiEchoType.Password);
        o.ToString().ShouldBe("MINDT=10&MAXDT=30&DR=1&MAXLEN=12&IT=N&ET=P");
    }

    [Fact]
    public void Options_are_tolerant_of_case_spaces_order_and_unknown_names()
    {
        var o = DmUiOptions.Parse(" maxdt=5 & mindt = 2&&X-VENDOR=a%20b&it=a ");

        o.MaxDisplaySeconds.ShouldBe(5);
        o.MinDisplaySeconds.ShouldBe(2);
        o.InputType.ShouldBe(DmUiInputType.Alphanumeric);
        o.Other.ShouldHaveSingleItem().ShouldBe(new KeyValuePair<string, string>("X-VENDOR", "a b"));
        o.ToString().ShouldBe("MINDT=2&MAXDT=5&IT=A&X-VENDOR=a%20b");
    }

    [Fact]
    public void Default_response_text_is_escaped_and_comes_back()
    {
        var o = new DmUiOptions { DefaultResponse = "a&b=c d" };
        o.ToString().ShouldBe("DR=a%26b%3Dc%20d");
        DmUiOptions.Parse(o.ToString()).DefaultResponse.ShouldBe("a&b=c d");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_options(string? text)
    {
        DmUiOptions.Parse(text).ToString().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("MINDT=ten", "MINDT")]
    [InlineData("MAXDT=-1", "MAXDT")]
    [InlineData("MAXLEN=1.5", "MAXLEN")]
    [InlineData("IT=X", "IT")]
    [InlineData("ET=TT", "ET")]
    [InlineData("=5", "without a name")]
    public void Bad_options_are_format_errors(string text, string named)
    {
        Should.Throw<SyncMLFormatException>(() => DmUiOptions.Parse(text)).Message.ShouldContain(named);
    }

    [Fact]
    public void Confirm_alert_is_options_then_text()
    {
        var ui = new DmUiAlert
        {
            Code = DmAlertCode.Confirm,
            Options = new DmUiOptions { MinDisplaySeconds = 10, MaxDisplaySeconds = 60 },
            Text = "Back up 12 MB now? You are roaming: this may cost money.",
        };

        var alert = ui.ToCommand("3");

        alert.CmdID.ShouldBe("3");
        alert.Code.ShouldBe(1101);
        alert.Items.Select(i => i.Data!.Text).ShouldBe(["MINDT=10&MAXDT=60", ui.Text]);
        var back = DmUiAlert.Read(alert);
        back.Code.ShouldBe(1101);
        back.Options.MaxDisplaySeconds.ShouldBe(60);
        back.Text.ShouldBe(ui.Text);
        back.Choices.ShouldBeEmpty();
    }

    [Fact]
    public void Single_choice_alert_carries_its_choices()
    {
        var ui = new DmUiAlert { Code = DmAlertCode.SingleChoice, Options = new DmUiOptions { DefaultResponse = "2" }, Text = "When?" };
        ui.Choices.AddRange(["Now", "Tonight", "Never"]);

        var back = DmUiAlert.Read(ui.ToCommand("4"));

        back.Choices.ShouldBe(["Now", "Tonight", "Never"]);
        back.Options.DefaultResponse.ShouldBe("2");
    }

    [Fact]
    public void Shapes_the_spec_does_not_allow_are_refused()
    {
        Should.Throw<SyncMLFormatException>(() => new DmUiAlert { Code = DmAlertCode.SingleChoice, Text = "?" }.ToCommand("1"));
        var display = new DmUiAlert { Code = DmAlertCode.Display, Text = "hi" };
        display.Choices.Add("x");
        Should.Throw<SyncMLFormatException>(() => display.ToCommand("1"));
        Should.Throw<SyncMLFormatException>(() => new DmUiAlert { Code = DmAlertCode.ClientInitiatedMgmt }.ToCommand("1"));

        var session = new AlertCommand { Code = DmAlertCode.ServerInitiatedMgmt };
        Should.Throw<SyncMLFormatException>(() => DmUiAlert.Read(session)).Message.ShouldContain("1200");
        var oneItem = new AlertCommand { Code = DmAlertCode.Display };
        oneItem.Items.Add(new Item { Data = ItemData.FromText(string.Empty) });
        Should.Throw<SyncMLFormatException>(() => DmUiAlert.Read(oneItem)).Message.ShouldContain("1 item");
    }
}
