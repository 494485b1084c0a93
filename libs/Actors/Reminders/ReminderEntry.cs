namespace Twins.Actors.Reminders;

/// <summary>One durable reminder as stored in an <see cref="IReminderTable"/>.</summary>
public sealed record ReminderEntry
{
    /// <summary>The grain it reminds.</summary>
    public required GrainId GrainId { get; init; }

    /// <summary>The reminder's name, unique per grain.</summary>
    public required string ReminderName { get; init; }

    /// <summary>When it was first due.</summary>
    public required DateTimeOffset StartAt { get; init; }

    /// <summary>The period; <see cref="Timeout.InfiniteTimeSpan"/> for a one-shot reminder.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>When it is next due (advanced after each delivered tick, so a restart knows what was missed).</summary>
    public required DateTimeOffset NextDueAt { get; init; }

    /// <summary>The row's version, set by the table; null for a row not yet stored.</summary>
    public string? ETag { get; init; }

    /// <summary>Whether it fires once only.</summary>
    public bool IsOneShot => Period == Timeout.InfiniteTimeSpan || Period <= TimeSpan.Zero;
}
