namespace Twins.Actors.Invocation;

/// <summary>
/// How a request runs: how it may interleave with other turns (from <see cref="ReadOnlyAttribute"/> and
/// <see cref="AlwaysInterleaveAttribute"/>) and whether its caller waits for an answer (<see cref="OneWayAttribute"/>).
/// </summary>
[Flags]
public enum InvokeMethodOptions
{
    /// <summary>An exclusive turn.</summary>
    None = 0,

    /// <summary>May interleave with other read-only turns.</summary>
    ReadOnly = 1,

    /// <summary>May interleave with any turn.</summary>
    AlwaysInterleave = 2,

    /// <summary>No response: the caller's task completes once the request is handed to its destination.</summary>
    OneWay = 4,
}
