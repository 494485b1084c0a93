namespace Twins.Actors.Invocation;

/// <summary>How a request may interleave with other turns (from <see cref="ReadOnlyAttribute"/> and <see cref="AlwaysInterleaveAttribute"/>).</summary>
[Flags]
public enum InvokeMethodOptions
{
    /// <summary>An exclusive turn.</summary>
    None = 0,

    /// <summary>May interleave with other read-only turns.</summary>
    ReadOnly = 1,

    /// <summary>May interleave with any turn.</summary>
    AlwaysInterleave = 2,
}
