namespace Twins.Actors;

/// <summary>How a grain timer behaves (as in Orleans).</summary>
public sealed record GrainTimerCreationOptions
{
    /// <summary>Time until the first tick.</summary>
    public required TimeSpan DueTime { get; init; }

    /// <summary>Time between the end of one tick and the next; <see cref="Timeout.InfiniteTimeSpan"/> fires once.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>Whether ticks may interleave with other turns. Default false: a tick is an exclusive turn.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether a tick counts as use and so postpones idle collection. Default false.</summary>
    public bool KeepAlive { get; init; }
}
