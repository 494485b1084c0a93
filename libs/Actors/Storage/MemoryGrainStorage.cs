namespace Twins.Actors.Storage;

/// <summary>
/// Grain state in process memory, stored as JSON like the durable providers (so a state that round-trips
/// here round-trips everywhere). For tests and benchmarks; share one instance to survive a silo restart.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(GrainId, string), (byte[] Data, string ETag)> _records = [];
    private readonly IGrainStateSerializer _serializer;
    private readonly string _name;

    /// <summary>Creates a store named <paramref name="name"/> (for messages).</summary>
    public MemoryGrainStorage(string name, IGrainStateSerializer serializer)
    {
        _name = name;
        _serializer = serializer;
    }

    /// <summary>Number of stored records.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Replaces the stored bytes of a record (tests use it to simulate corruption).</summary>
    public void SetRaw(string stateName, GrainId grainId, byte[] data)
    {
        lock (_gate)
        {
            _records[(grainId, stateName)] = (data, StoredState.NewETag());
        }
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        (byte[] Data, string ETag) record;
        bool found;
        lock (_gate)
        {
            found = _records.TryGetValue((grainId, stateName), out record);
        }

        if (found)
        {
            grainState.State = StoredState.Deserialize<T>(_serializer, record.Data, _name, stateName, grainId);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _serializer.Serialize(grainState.State);
        var etag = StoredState.NewETag();
        lock (_gate)
        {
            var stored = _records.TryGetValue((grainId, stateName), out var record) ? record.ETag : null;
            if (stored != grainState.ETag)
            {
                throw StoredState.Conflict("Write", _name, stateName, grainId, stored, grainState.ETag);
            }

            _records[(grainId, stateName)] = (data, etag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_gate)
        {
            var stored = _records.TryGetValue((grainId, stateName), out var record) ? record.ETag : null;
            if (stored != grainState.ETag)
            {
                throw StoredState.Conflict("Clear", _name, stateName, grainId, stored, grainState.ETag);
            }

            _records.Remove((grainId, stateName));
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
