namespace Twins.Actors.Reminders;

/// <summary>Reminders in process memory (tests; lost with the process unless the instance is shared).</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(GrainId, string), ReminderEntry> _rows = [];
    private long _version;

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => r.GrainId == grainId).ToList());
        }
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
        }
    }

    /// <inheritdoc />
    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            var etag = NextETag();
            _rows[(entry.GrainId, entry.ReminderName)] = entry with { ETag = etag };
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task<string?> UpdateRowAsync(ReminderEntry entry, string expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            if (!_rows.TryGetValue((entry.GrainId, entry.ReminderName), out var current) || current.ETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }

            var etag = NextETag();
            _rows[(entry.GrainId, entry.ReminderName)] = entry with { ETag = etag };
            return Task.FromResult<string?>(etag);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string? expectedETag = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (grainId, reminderName);
            if (!_rows.TryGetValue(key, out var current) || (expectedETag is not null && current.ETag != expectedETag))
            {
                return Task.FromResult(false);
            }

            return Task.FromResult(_rows.Remove(key));
        }
    }

    private string NextETag() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
