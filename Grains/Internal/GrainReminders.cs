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

    /// <summary><paramref name="period"/>, raised to <see cref="MinimumPeriod"/>.</summary>
    public static TimeSpan AtLeastMinimum(TimeSpan period) => period < MinimumPeriod ? MinimumPeriod : period;
}
