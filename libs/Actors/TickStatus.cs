namespace Twins.Actors;

/// <summary>What a reminder tick knows about its schedule.</summary>
/// <param name="FirstTickTime">When the reminder was first due.</param>
/// <param name="Period">The period, or <see cref="Timeout.InfiniteTimeSpan"/> for a one-shot reminder.</param>
/// <param name="CurrentTickTime">The time this tick was due (earlier than now when it fires late, e.g. after a restart).</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
