namespace Twins.Grains.Internal;

/// <summary>How the grains use Orleans reminders for deadlines.</summary>
internal static class GrainReminders
{
    /// <summary>
    /// The period of a reminder that stands for one deadline (command expiry, a rotation step, an ownership token's
    /// expiry). Orleans reminders always repeat and refuse an infinite period, so a deadline is a reminder whose
    /// handler unregisters or moves it each time it fires; this period only matters if that fails, and then the
    /// handler, which checks the state first, runs again a day later.
    /// </summary>
    public static readonly TimeSpan OneShotPeriod = TimeSpan.FromDays(1);

    /// <summary>
    /// The shortest reminder period the product uses (keep-alive checks, CRL publication retries); the silo sets
    /// Orleans' <c>ReminderOptions.MinimumReminderPeriod</c> to it (the default is one minute).
    /// </summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The due time of a deadline <paramref name="remaining"/> from now: never negative (a passed deadline fires at
    /// once) and rounded up to a whole millisecond, the unit timers wait in, so the reminder fires at or after it.
    /// </summary>
    public static TimeSpan DueTime(TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var partial = remaining.Ticks % TimeSpan.TicksPerMillisecond;
        return partial == 0 ? remaining : remaining + TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond - partial);
    }

    /// <summary>
    /// How far ahead a silo keeps reminders scheduled in memory (Orleans' <c>ReminderOptions.ReminderLoadingWindow</c>);
    /// later ones wait in the reminder table until a table refresh brings them within it. A day covers the deadlines that
    /// matter to the second (command expiry, keep-alive checks, rotation steps, an ownership token's hour), while
    /// rotation windows months ahead stay in the table.
    /// </summary>
    public static readonly TimeSpan LoadingWindow = TimeSpan.FromDays(1);

    /// <summary><paramref name="period"/>, raised to <see cref="MinimumPeriod"/>.</summary>
    public static TimeSpan AtLeastMinimum(TimeSpan period) => period < MinimumPeriod ? MinimumPeriod : period;
}
