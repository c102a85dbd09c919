namespace Coffer.Agent.Scheduling;

/// <summary>
/// How <c>coffer-agent schedule</c> runs backups: inside <see cref="Window"/>, at most <see cref="MaxPerDay"/> per
/// window occurrence, checking for changes every <see cref="Every"/>, and entering each window after a random delay
/// of up to <see cref="Jitter"/> (at most half the window) so that devices sharing a window do not start together.
/// </summary>
public sealed record ScheduleOptions
{
    public ScheduleWindow Window { get; init; } = ScheduleWindow.Default;

    public int MaxPerDay { get; init; } = 3;

    public TimeSpan Every { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan Jitter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The jitter actually drawn from: never more than half the window, so every window still gets its checks.</summary>
    public TimeSpan EffectiveJitter => Jitter < Window.Length / 2 ? Jitter : Window.Length / 2;
}
