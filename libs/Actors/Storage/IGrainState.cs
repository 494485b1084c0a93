namespace Twins.Actors.Storage;

/// <summary>A grain's state as a storage provider reads and writes it.</summary>
public interface IGrainState<T>
{
    /// <summary>The state value.</summary>
    T State { get; set; }

    /// <summary>The version last read or written; null when no record exists.</summary>
    string? ETag { get; set; }

    /// <summary>Whether the store holds a record for this state.</summary>
    bool RecordExists { get; set; }
}
