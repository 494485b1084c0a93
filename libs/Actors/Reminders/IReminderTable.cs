namespace Twins.Actors.Reminders;

/// <summary>
/// Durable storage of reminders. Writes are conditional on the ETag the caller read (null: a new row is
/// expected) so two silos never both believe they own a tick.
/// </summary>
public interface IReminderTable
{
    /// <summary>Every reminder (a cluster filters by ownership).</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default);

    /// <summary>The reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>One reminder, or null.</summary>
    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a row unconditionally; returns the new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Replaces a row if its ETag is still <paramref name="expectedETag"/>; returns the new ETag, or null when it changed or vanished.</summary>
    Task<string?> UpdateRowAsync(ReminderEntry entry, string expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Deletes a row (if <paramref name="expectedETag"/> is given, only at that version); true when a row was deleted.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string? expectedETag = null, CancellationToken cancellationToken = default);
}
