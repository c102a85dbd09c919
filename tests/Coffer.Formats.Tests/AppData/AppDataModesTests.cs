using Coffer.Formats.AppData;

namespace Coffer.Formats.Tests.AppData;

public sealed class AppDataModesTests
{
    private const string Named = "application/octet-stream; name*=UTF-8''com.example%2Fnotes.db";

    [Theory]
    [InlineData(AppDataMode.Differential, "application/octet-stream; coffer-mode=differential; name*=UTF-8''com.example%2Fnotes.db")]
    [InlineData(AppDataMode.History, "application/octet-stream; coffer-mode=history; name*=UTF-8''com.example%2Fnotes.db")]
    [InlineData(AppDataMode.Incremental, Named)]
    public void The_mode_travels_as_a_parameter_and_incremental_adds_none(AppDataMode mode, string expected)
    {
        var typed = AppDataModes.With(Named, mode);
        typed.ShouldBe(expected);
        AppDataModes.From(typed).ShouldBe(mode);

        // Setting it again replaces it; incremental takes it away.
        AppDataModes.With(AppDataModes.With(typed, AppDataMode.History), mode).ShouldBe(expected);
        AppDataModes.With(typed, AppDataMode.Incremental).ShouldBe(Named);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/octet-stream")]
    [InlineData("application/octet-stream; coffer-mode=forever")]
    [InlineData("application/octet-stream; name*=UTF-8''coffer-mode%3Dhistory")]
    public void No_or_an_unknown_mode_is_incremental(string? contentType) =>
        AppDataModes.From(contentType).ShouldBe(AppDataMode.Incremental);

    [Fact]
    public void The_parameter_is_read_in_any_case_and_quoted() =>
        AppDataModes.From("application/vnd.coffer.sqlite-changes+zstd; Coffer-Mode=\"Differential\"").ShouldBe(AppDataMode.Differential);
}
